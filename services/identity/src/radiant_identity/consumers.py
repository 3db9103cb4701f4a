"""Kafka consumers: approval decisions (role changes, notifications) and billing events (notifications)."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.envelope import make_event
from radiant_contracts.events.approval import (
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExecuted,
    ApprovalExecutionFailed,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
)
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import BudgetThresholdCrossed, InvoiceCreated, InvoicePaymentFailed
from radiant_contracts.permissions import AdminRole
from radiant_contracts.topics import APPROVAL_DECISIONS, BILLING_EVENTS
from radiant_platform.consumer import BatchConsumer, Delivery
from radiant_platform.outbox import enqueue_event

from . import emails, repository as repo, service
from .context import SOURCE, Identity, record_audit

log = logging.getLogger(__name__)

APPROVAL_TYPES = [m.event_type for m in (ApprovalRequested, ApprovalApproved, ApprovalRejected, ApprovalCancelled,
                                         ApprovalExpired)]
BILLING_TYPES = [m.event_type for m in (InvoiceCreated, InvoicePaymentFailed, BudgetThresholdCrossed)]


def make_consumers(identity: Identity, sessionmaker_provider):
    async def on_approvals(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await handle_approval_event(session, identity, delivery)

    async def on_billing(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await handle_billing_event(session, identity, delivery)

    return [
        BatchConsumer(name="identity-approval-decisions", topic=APPROVAL_DECISIONS, handler=on_approvals,
                      sessionmaker_provider=sessionmaker_provider, event_types=APPROVAL_TYPES),
        BatchConsumer(name="identity-billing-events", topic=BILLING_EVENTS, handler=on_billing,
                      sessionmaker_provider=sessionmaker_provider, event_types=BILLING_TYPES),
    ]


# --- approvals ------------------------------------------------------------------------------------


async def handle_approval_event(session: AsyncSession, identity: Identity, delivery: Delivery) -> None:
    event = delivery.event
    data = event.data
    tenant_id = event.tenantid
    if isinstance(data, ApprovalRequested):
        await _notify_approvers(session, identity, tenant_id, event.id, data)
        return
    if isinstance(data, ApprovalApproved) and data.approval_type == "user_role_change":
        await _execute_role_change(session, tenant_id, data)
    await _notify_requester(session, identity, tenant_id, event.id, data)


async def _notify_approvers(session: AsyncSession, identity: Identity, tenant_id: str, event_id: str,
                            data: ApprovalRequested) -> None:
    approvers = service.eligible_approvers(await repo.active_admins(session, tenant_id), data.requested_by)
    requester = data.requested_by_name or await repo.get_display_name(session, tenant_id, data.requested_by) \
        or "An administrator"
    base = identity.settings.app_base_url
    url = f"{base}/approvals/{data.approval_id}"
    for approver in approvers:
        content = emails.approval_email(
            approver_name=approver.first_name, requester_name=requester, app_name=identity.settings.app_name,
            environment=data.environment, action=data.action, resource_type=data.resource_type,
            resource_id=data.resource_id or "", approve_url=f"{url}?action=approve", reject_url=f"{url}?action=reject",
        )
        await service.notify(
            session, identity, [approver], tenant_id=tenant_id, source_event_id=event_id, type_="approval",
            category="approvals", priority=data.priority, title=f"Approval required: {data.action}",
            message=f"{requester} requests approval for {data.action} on {data.resource_type}"
                    f" ({data.resource_id or '-'}) in {data.environment}.",
            action_url=url, action_label="Review", email=content,
        )


async def _notify_requester(session: AsyncSession, identity: Identity, tenant_id: str, event_id: str, data) -> None:
    try:
        requester_id = uuid.UUID(data.requested_by)
    except ValueError:
        return
    requester = await repo.get_admin(session, tenant_id, requester_id)
    if requester is None or requester.status != "active":
        return
    outcome = data.event_type.split(".")[2]  # approved | rejected | cancelled | expired
    reason = getattr(data, "reason", None)
    await service.notify(
        session, identity, [requester], tenant_id=tenant_id, source_event_id=event_id, type_="approval",
        category="approvals", priority="medium", title=f"Your request {data.action} was {outcome}",
        message=f"Your {data.approval_type} request for {data.resource_type} ({data.resource_id or '-'}) was "
                f"{outcome}." + (f" Reason: {reason}" if reason else ""),
        action_url=f"{identity.settings.app_base_url}/approvals/{data.approval_id}", action_label="View",
    )


def _detail(details: dict, *names: str) -> str | None:
    for name in names:
        value = details.get(name)
        if isinstance(value, str) and value:
            return value
    return None


async def _execute_role_change(session: AsyncSession, tenant_id: str, data: ApprovalApproved) -> None:
    """Apply the approved change and answer executed / execution_failed, in this batch's transaction."""
    admin_ref = _detail(data.details, "user_id", "userId") or data.resource_id
    new_role = _detail(data.details, "new_role", "newRole")
    failure: str | None = None
    updated = None
    try:
        admin_id = uuid.UUID(str(admin_ref))
    except ValueError:
        admin_id, failure = None, "the approval does not name an administrator (details.user_id)"
    if failure is None and new_role not in {r.value for r in AdminRole}:
        failure = f"unknown role {new_role!r}"
    if failure is None:
        before = await repo.get_admin(session, tenant_id, admin_id)
        updated = await repo.set_admin_role(session, tenant_id, admin_id, new_role=new_role)
        if updated is None:
            failure = "the administrator no longer exists in this tenant"
    if failure is not None:
        log.warning("approval %s: role change not applied: %s", data.approval_id, failure)
        payload = ApprovalExecutionFailed(approval_id=data.approval_id, approval_type=data.approval_type,
                                          executed_by_service="identity", reason=failure)
        await enqueue_event(session, make_event(payload, tenant_id=tenant_id, source=SOURCE))
        return
    await repo.revoke_admin_sessions(session, updated.id)  # tokens carry the old role: sign in again
    result = {"admin_id": str(updated.id), "previous_role": before.role if before else None, "new_role": new_role}
    await enqueue_event(session, make_event(
        ApprovalExecuted(approval_id=data.approval_id, approval_type=data.approval_type,
                         executed_by_service="identity", result=result),
        tenant_id=tenant_id, source=SOURCE,
    ))
    await record_audit(session, tenant_id=tenant_id, actor=Actor(type="admin", id=data.decided_by),
                       action="user.role_change", resource_type="administrator", resource_id=str(updated.id),
                       environment=data.environment,
                       details={**result, "approval_id": data.approval_id, "requested_by": data.requested_by})


# --- billing --------------------------------------------------------------------------------------


async def handle_billing_event(session: AsyncSession, identity: Identity, delivery: Delivery) -> None:
    event = delivery.event
    data = event.data
    recipients = service.billing_recipients(await repo.active_admins(session, event.tenantid))
    base = identity.settings.app_base_url
    if isinstance(data, InvoicePaymentFailed):
        title, priority = f"Payment failed for invoice {data.number}", "high"
        message = f"Payment of {data.total} {data.currency} failed" + (
            f": {data.failure_reason}" if data.failure_reason else ".")
        url = f"{base}/billing/invoices/{data.invoice_id}"
    elif isinstance(data, InvoiceCreated):
        title, priority = f"New invoice {data.number}", "medium"
        message = (f"Invoice {data.number} for {data.period.start} to {data.period.end}: "
                   f"{data.total} {data.currency}, due {data.due_date:%Y-%m-%d}.")
        url = f"{base}/billing/invoices/{data.invoice_id}"
    elif isinstance(data, BudgetThresholdCrossed):
        title = f"Budget {data.threshold_percent}% reached"
        priority = "critical" if data.threshold_percent >= 100 else "high" if data.threshold_percent >= 90 else "medium"
        message = (f"Month-to-date cost {data.month_to_date_cost} {data.currency} has reached "
                   f"{data.threshold_percent}% of the budget of {data.budget_limit} {data.currency}.")
        url = f"{base}/billing"
    else:
        return
    await service.notify(session, identity, recipients, tenant_id=event.tenantid, source_event_id=event.id,
                         type_="billing", category="billing", priority=priority, title=title, message=message,
                         action_url=url, action_label="Open billing")
