"""`metering-events`, keyed by tenant id: what metering tells the platform about a tenant's quotas.

Tokens (input + output per calendar month, UTC) and storage (the gauge producers report with
`storage.reported`) are metered here; users and agents are counted by identity. A threshold is
published once per tenant, resource, period, limit and threshold, through metering's outbox.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StrictInt

from radiant_contracts.fields import Count
from radiant_contracts.payload import EventPayload
from radiant_contracts.quotas import QUOTA_THRESHOLDS, QuotaResource
from radiant_contracts.topics import METERING_EVENTS

#: Tokens are counted in tokens, storage in bytes, users and agents in themselves.
QuotaUnit = Literal["users", "agents", "tokens", "bytes"]
__all__ = ["QUOTA_THRESHOLDS", "QuotaResource", "QuotaThresholdCrossed", "QuotaUnit"]


class QuotaThresholdCrossed(EventPayload):
    """The tenant's use of `resource` reached `threshold_percent` of its plan's limit in the period."""

    event_type: ClassVar[str] = "radiant.quota.threshold_crossed.v1"
    topic: ClassVar[str] = METERING_EVENTS
    subject_field: ClassVar[str | None] = "resource"

    resource: QuotaResource
    unit: QuotaUnit
    threshold_percent: Annotated[StrictInt, Field(ge=1, le=100)]
    current: Count
    limit: Count
    #: floor(current / limit × 100), at most 100 (as seed 004 §3 computes it).
    percentage: Annotated[StrictInt, Field(ge=0, le=100)]
    #: The period the threshold is counted in (the calendar month, UTC), both ends inclusive.
    period_start: date
    period_end: date
