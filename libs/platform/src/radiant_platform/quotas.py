"""The one quota refusal every service answers with (seed 004 §3 `QuotaExceededError`).

`raise quota_exceeded(status)` → 403 `application/problem+json`:

    {"type": "urn:radiant:problem:quota-exceeded", "title": "Quota exceeded", "status": 403,
     "detail": "Users limit reached for your plan", "resource": "users", "current": 10,
     "limit": 10, "percentage": 100, "upgradeUrl": "/admin/billing/upgrade"}

403, not 429: the plan does not allow it, and waiting does not change that (an upgrade does).
Document it on a route with `responses=QUOTA_RESPONSES`.
"""

from __future__ import annotations

from typing import Any

from radiant_contracts.problem import PROBLEM_CONTENT_TYPE
from radiant_contracts.quotas import (
    QUOTA_EXCEEDED_STATUS,
    QUOTA_EXCEEDED_TYPE,
    UPGRADE_URL,
    QuotaStatus,
)

from .errors import ProblemError

__all__ = ["QUOTA_RESPONSES", "QuotaStatus", "quota_exceeded"]


def quota_exceeded(status: QuotaStatus) -> ProblemError:
    """The refusal for a resource at (or past) its plan's limit."""
    return ProblemError(
        QUOTA_EXCEEDED_STATUS,
        f"{status.resource.title()} limit reached for your plan",
        title="Quota exceeded",
        type_=QUOTA_EXCEEDED_TYPE,
        resource=status.resource,
        current=status.current,
        limit=status.limit,
        percentage=status.percentage,
        upgradeUrl=UPGRADE_URL,
    )


_QUOTA_PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    # A 403 is also a permission refusal, which has none of the quota members: they are optional here.
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "resource": {"type": "string", "enum": ["users", "agents", "tokens", "storage"]},
        "current": {"type": "integer", "minimum": 0},
        "limit": {"type": "integer", "minimum": 0},
        "percentage": {"type": "integer", "minimum": 0, "maximum": 100},
        "upgradeUrl": {"type": "string"},
    },
}

#: For a route that may refuse with the quota problem (FastAPI `responses=`).
QUOTA_RESPONSES: dict[int | str, dict[str, Any]] = {
    QUOTA_EXCEEDED_STATUS: {
        "description": "The caller may not do this, or the plan's quota for the resource is reached "
        f"(`type` `{QUOTA_EXCEEDED_TYPE}` with resource, current, limit, percentage and upgradeUrl)",
        "content": {PROBLEM_CONTENT_TYPE: {"schema": _QUOTA_PROBLEM_SCHEMA}},
    }
}
