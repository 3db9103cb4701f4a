"""Kafka consumers: approval decisions (role changes, notifications) and billing events (notifications)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.approvals import AdminInvitation, AdminStatusChange, TenantSecurityPolicy, UserRoleChange
from radiant_contracts.events.approval import (
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
)
from radiant_contracts.events.billing import BudgetThresholdCrossed, InvoiceCreated, InvoicePaymentFailed
from radiant_contracts.topics import APPROVAL_DECISIONS, BILLING_EVENTS
from radiant_platform import console_links
from radiant_platform.app import Runtime
from radiant_platform.approvals import execute_approval
from radiant_platform.auth import PLATFORM_TENANT
from radiant_platform.consumer import BatchConsumer, Delivery

from . import emails, service
from . import repository as repo
from .agents import service as agents_service
from .deps import SERVICE, IdentityDeps
from .operators import approval_notices
from .settings import service as settings_service
from .tenants import service as tenants_service

APPROVAL_TYPES = [
    m.event_type for m in (ApprovalRequested, ApprovalApproved, ApprovalRejected, ApprovalCancelled, ApprovalExpired)
]
BILLING_TYPES = [m.event_type for m in (InvoiceCreated, InvoicePaymentFailed, BudgetThresholdCrossed)]
ApprovalOutcome = ApprovalApproved | ApprovalRejected | ApprovalCancelled | ApprovalExpired


def consumers(rt: Runtime[IdentityDeps]) -> list[BatchConsumer]:
    async def on_approvals(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await handle_approval_event(session, rt.deps, delivery)

    async def on_billing(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await handle_billing_event(session, rt.deps, delivery)

    return [
        BatchConsumer(
            name="identity-approval-decisions",
            topic=APPROVAL_DECISIONS,
            handler=on_approvals,
            sessionmaker_provider=rt.session_factory,
            event_types=APPROVAL_TYPES,
        ),
        BatchConsumer(
            name="identity-billing-events",
            topic=BILLING_EVENTS,
            handler=on_billing,
            sessionmaker_provider=rt.session_factory,
            event_types=BILLING_TYPES,
        ),
    ]


# --- approvals ------------------------------------------------------------------------------------


async def handle_approval_event(session: AsyncSession, deps: IdentityDeps, delivery: Delivery) -> None:
    event = delivery.event
    data = event.data
    tenant_id = event.tenantid
    if isinstance(data, ApprovalRequested):
        if tenant_id == PLATFORM_TENANT:  # an operator's request: other operators decide it
            await approval_notices.notify_operators_of_request(session, deps, data)
            return
        await _notify_approvers(session, deps, tenant_id, event.id, data)
        return
    if isinstance(data, ApprovalApproved) and data.approval_type in EXECUTORS:
        await _execute(session, deps, tenant_id, data)
    await _notify_requester(session, deps, tenant_id, event.id, data)


#: Identity's approval types (`owning_service == "identity"`) and what carries each out.
EXECUTORS: dict[str, Callable[..., Awaitable[dict[str, Any]]]] = {
    UserRoleChange.approval_type: service.apply_approved_role_change,
    AdminInvitation.approval_type: service.apply_approved_invitation,
    AdminStatusChange.approval_type: service.apply_approved_status_change,
    agents_service.DEPLOYMENT: agents_service.apply_approved_deployment,
    "tenant_deletion": tenants_service.apply_approved_deletion,
    TenantSecurityPolicy.approval_type: settings_service.apply_approved_security_policy,
}


async def _execute(session: AsyncSession, deps: IdentityDeps, tenant_id: str, data: ApprovalApproved) -> None:
    """Apply the approved change and answer executed / execution_failed, in this batch's transaction."""
    executor = EXECUTORS[data.approval_type]

    async def apply(session: AsyncSession, approved: ApprovalApproved, change: Any) -> dict[str, Any]:
        return await executor(session, deps, tenant_id, approved, change)

    await execute_approval(
        session, service=SERVICE, tenant_id=tenant_id, approved=data, apply=apply, records=deps.decisions
    )


async def _notify_approvers(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, event_id: str, data: ApprovalRequested
) -> None:
    approvers = service.eligible_approvers(await repo.active_admins(session, tenant_id), data.requested_by)
    requester = (
        data.requested_by_name
        or await repo.get_display_name(session, tenant_id, data.requested_by)
        or "An administrator"
    )
    settings = deps.settings
    url = emails.approval_page_url(settings.console_url, data.approval_id)
    for approver in approvers:
        content = emails.approval_email(
            approver_name=approver.first_name,
            requester_name=requester,
            app_name=settings.app_name,
            environment=data.environment,
            action=data.action,
            resource_type=data.resource_type,
            resource_id=data.resource_id or "",
            approve_url=console_links.approval(settings.console_url, data.approval_id, "approve"),
            reject_url=console_links.approval(settings.console_url, data.approval_id, "reject"),
        )
        await service.notify(
            session,
            [approver],
            tenant_id=tenant_id,
            source_event_id=event_id,
            type_="approval",
            category="approvals",
            priority=data.priority,
            title=f"Approval required: {data.action}",
            message=f"{requester} requests approval for {data.action} on {data.resource_type}"
            f" ({data.resource_id or '-'}) in {data.environment}.",
            action_url=url,
            action_label="Review",
            email=content,
        )


async def _notify_requester(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, event_id: str, data: ApprovalOutcome
) -> None:
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
        session,
        [requester],
        tenant_id=tenant_id,
        source_event_id=event_id,
        type_="approval",
        category="approvals",
        priority="medium",
        title=f"Your request {data.action} was {outcome}",
        message=f"Your {data.approval_type} request for {data.resource_type} ({data.resource_id or '-'}) was "
        f"{outcome}." + (f" Reason: {reason}" if reason else ""),
        action_url=emails.approval_page_url(deps.settings.console_url, data.approval_id),
        action_label="View",
    )


# --- billing --------------------------------------------------------------------------------------


async def handle_billing_event(session: AsyncSession, deps: IdentityDeps, delivery: Delivery) -> None:
    event = delivery.event
    data = event.data
    recipients = service.billing_recipients(await repo.active_admins(session, event.tenantid))
    console = deps.settings.console_url
    if isinstance(data, InvoicePaymentFailed):
        title, priority = f"Payment failed for invoice {data.number}", "high"
        message = f"Payment of {data.total} {data.currency} failed" + (
            f": {data.failure_reason}" if data.failure_reason else "."
        )
        url = console_links.invoice(console, data.invoice_id)
    elif isinstance(data, InvoiceCreated):
        title, priority = f"New invoice {data.number}", "medium"
        message = (
            f"Invoice {data.number} for {data.period.start} to {data.period.end}: "
            f"{data.total} {data.currency}, due {data.due_date:%Y-%m-%d}."
        )
        url = console_links.invoice(console, data.invoice_id)
    elif isinstance(data, BudgetThresholdCrossed):
        title = f"Budget {data.threshold_percent}% reached"
        priority = "critical" if data.threshold_percent >= 100 else "high" if data.threshold_percent >= 90 else "medium"
        message = (
            f"Month-to-date cost {data.month_to_date_cost} {data.currency} has reached "
            f"{data.threshold_percent}% of the budget of {data.budget_limit} {data.currency}."
        )
        url = console_links.billing(console)
    else:
        return
    await service.notify(
        session,
        recipients,
        tenant_id=event.tenantid,
        source_event_id=event.id,
        type_="billing",
        category="billing",
        priority=priority,
        title=title,
        message=message,
        action_url=url,
        action_label="Open billing",
    )
