from __future__ import annotations

from radiant_contracts.api import ApiModel

from ..operators.schemas import SessionOperator
from ..schemas import SessionAdmin


class ConsoleSession(ApiModel):
    """A console session: the access token, and never the refresh token (that is in the cookie)."""

    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    refresh_expires_in: int
    administrator: SessionAdmin


class OperatorConsoleSession(ApiModel):
    """An operator's console session: the access token, and never the refresh token (the cookie)."""

    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    refresh_expires_in: int
    operator: SessionOperator
