"""HTTP shapes of metering's quotas (camelCase on the wire)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from radiant_contracts.api import ApiModel
from radiant_contracts.quotas import QuotaOut


class TokenQuotaOut(ApiModel):
    """The request path's answer: may the tenant's next AI request go ahead, and how much is left."""

    resource: Literal["tokens"] = "tokens"
    allowed: bool
    current: int
    limit: int | None
    remaining: int | None
    percentage: int
    period_start: date
    period_end: date
    upgrade_url: str


class OverLimitOut(ApiModel):
    requests: int
    tokens: int


class QuotasResponse(ApiModel):
    """All four quotas of the tenant (tokens this calendar month, UTC; storage in bytes)."""

    quotas: list[QuotaOut]
    period_start: date
    period_end: date
    #: Usage recorded this period past the token limit (stored and billed, and flagged).
    tokens_over_limit: OverLimitOut
    upgrade_url: str
