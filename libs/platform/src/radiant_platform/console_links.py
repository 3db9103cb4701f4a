"""Links into the admin console: every page the platform emails a person to (invitations, password
resets, approvals, billing, quotas), built from one base — `ServiceSettings.console_url`
(`PUBLIC_APP_URL`, else the gateway's URL + /console). The console routes these paths in the
browser; the gateway answers its index.html for each of them.

A decision link (`?decision=approve|reject`) opens the request's page with that decision chosen in
its dialog: the page never decides on a GET, the person still confirms (and gives a reason).
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote, urlencode

Decision = Literal["approve", "reject"]
AccountKind = Literal["tenant", "operator"]


def _base(console_url: str) -> str:
    return console_url.rstrip("/")


def _segment(value: str) -> str:
    return quote(value, safe="")


def _with_query(url: str, **query: str | None) -> str:
    present = {k: v for k, v in query.items() if v is not None}
    return f"{url}?{urlencode(present)}" if present else url


def accept_invitation(console_url: str, token: str, *, kind: AccountKind = "tenant") -> str:
    """The invitation's accept page (an operator's invitation says so: it is accepted on another route)."""
    return _with_query(
        f"{_base(console_url)}/accept-invitation", token=token, kind="operator" if kind == "operator" else None
    )


def reset_password(console_url: str, token: str, *, kind: AccountKind = "tenant") -> str:
    """The forgotten-password page (an operator's says so: it posts to the platform's reset route)."""
    return _with_query(
        f"{_base(console_url)}/reset-password", token=token, kind="operator" if kind == "operator" else None
    )


def approval(console_url: str, approval_id: str, decision: Decision | None = None) -> str:
    """A tenant's approval request (the approvers' email, the requester's notification)."""
    return _with_query(f"{_base(console_url)}/approvals/{_segment(approval_id)}", decision=decision)


def platform_approval(console_url: str, approval_id: str, decision: Decision | None = None) -> str:
    """A platform approval request, on the operators' screens."""
    return _with_query(f"{_base(console_url)}/platform/approvals/{_segment(approval_id)}", decision=decision)


def invoice(console_url: str, invoice_id: str) -> str:
    return f"{_base(console_url)}/billing/invoices/{_segment(invoice_id)}"


def billing(console_url: str) -> str:
    """The billing page: plan, current period and budget."""
    return f"{_base(console_url)}/billing"


def upgrade(console_url: str) -> str:
    """The billing page with the upgrade prompt open (a quota reached or near)."""
    return f"{_base(console_url)}/billing?upgrade=1"


def audit(console_url: str, **filters: str) -> str:
    """The audit log, filtered (e.g. `actor=` an impersonation's id)."""
    return _with_query(f"{_base(console_url)}/audit", **filters)
