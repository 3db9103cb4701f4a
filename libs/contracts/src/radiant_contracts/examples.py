"""One valid, realistic payload per event type and per approval type — for tests here and in
services, and for docs (the approval examples are in the exported schemas' `examples`).

Tests assert every registered type has an example, so a new event or approval type cannot skip
round-trip and schema checks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from radiant_contracts.approvals import (
    AdminInvitation,
    AdminStatusChange,
    AgentDeployment,
    ApprovalPayload,
    BillingChange,
    BillingSettingsChange,
    Deployment,
    MarginTierChange,
    ModelActivation,
    Promotion,
    ProviderChange,
    TenantDeletion,
    TenantSecurityPolicy,
    UserRoleChange,
)
from radiant_contracts.events import (
    Actor,
    ActorRef,
    AgentConfiguration,
    AgentDeleted,
    AgentStartRequested,
    AgentStatusReported,
    AgentStopRequested,
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExecuted,
    ApprovalExecutionFailed,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
    AuditRecorded,
    BillingPeriod,
    BillingSettingsUpdated,
    BudgetThresholdCrossed,
    InvoiceCreated,
    InvoiceLine,
    InvoicePaid,
    InvoicePaymentFailed,
    MarginTier,
    PlanLimits,
    QuotaThresholdCrossed,
    StorageReported,
    SubscriptionChanged,
    TenantCreated,
    TenantDeleted,
    TenantReactivated,
    TenantSuspended,
    TenantUpdated,
    UsageRecorded,
)
from radiant_contracts.payload import EventPayload

EXAMPLE_TENANT_ID = "tenant-acme"
_AGENT_ID = "7b3e9c2a-5d1f-4e8b-9a6c-2f4d8e1b3c5a"
_AT = datetime(2025, 3, 14, 9, 26, 53, 589000, tzinfo=UTC)
_PERIOD = BillingPeriod(start=date(2025, 2, 1), end=date(2025, 2, 28))
_REQUEST = {
    "approval_id": "3f0c6f5e-8d0a-4a57-9a57-6d1f3d1c2b10",
    "approval_type": "user_role_change",
    "action": "change_role",
    "resource_type": "administrator",
    "resource_id": "admin-42",
    "details": {"user_id": "admin-42", "previous_role": "admin", "new_role": "operator", "email": "grace@acme.example"},
    "requested_by": "admin-7",
    "environment": "prod",
    "app_id": "radiant-app",
}
_TENANT = {
    "tenant_id": EXAMPLE_TENANT_ID,
    "name": "Acme Health",
    "app_id": "radiant-app",
    "environment": "prod",
    "plan": "pro",
    "changed_by": "operator-1",
}
_INVOICE = {
    "invoice_id": "inv-2025-02-acme",
    "number": "RAD-2025-0042",
    "period": _PERIOD,
    "total": Decimal("1234.56"),
    "currency": "USD",
    "app_id": "radiant-app",
}


def example_payloads() -> dict[str, EventPayload]:
    """Event type → a valid payload of that type (fresh instances on each call)."""
    payloads: list[EventPayload] = [
        UsageRecorded(
            request_id="req-0001",
            provider_id="openai",
            model_id="gpt-4o",
            model_name="GPT-4o",
            request_type="chat",
            input_tokens=1200,
            output_tokens=350,
            latency_ms=842,
            cached=False,
            phi_detected=True,
            phi_sanitized=True,
            user_id="user-9",
            app_id="radiant-app",
            environment="prod",
            occurred_at=_AT,
        ),
        StorageReported(bytes_used=3_221_225_472, reported_at=_AT, app_id="radiant-app"),
        QuotaThresholdCrossed(
            resource="tokens",
            unit="tokens",
            threshold_percent=80,
            current=8_000_000,
            limit=10_000_000,
            percentage=80,
            period_start=date(2025, 2, 1),
            period_end=date(2025, 2, 28),
        ),
        AuditRecorded(
            actor=Actor(
                type="admin",
                id="admin-7",
                name="Ada Admin",
                ip="203.0.113.7",
                user_agent="Mozilla/5.0",
                impersonator=ActorRef(type="admin", id="operator-1", name="Platform Operator"),
            ),
            action="invitation.create",
            resource_type="invitation",
            resource_id="inv-1",
            outcome="success",
            details={"email": "new@example.com", "role": "operator"},
            app_id="radiant-app",
            environment="prod",
        ),
        ApprovalRequested(
            **_REQUEST,
            requested_by_name="Ada Admin",
            priority="high",
            requires_two_person=True,
            expires_at=_AT,
            required_approvals=1,
        ),
        ApprovalApproved(**_REQUEST, decided_by="admin-8", decided_at=_AT, reason="looks right"),
        ApprovalRejected(**_REQUEST, decided_by="admin-8", decided_at=_AT, reason="wrong user"),
        ApprovalCancelled(**_REQUEST, decided_by="admin-7", decided_at=_AT),
        ApprovalExpired(**_REQUEST, expires_at=_AT),
        ApprovalExecuted(
            approval_id=_REQUEST["approval_id"],
            approval_type="user_role_change",
            executed_by_service="identity",
            result={"new_role": "operator"},
        ),
        ApprovalExecutionFailed(
            approval_id=_REQUEST["approval_id"],
            approval_type="user_role_change",
            executed_by_service="identity",
            reason="administrator admin-42 not found",
        ),
        TenantCreated(**_TENANT, settings={"region": "eu"}),
        TenantUpdated(**_TENANT, status="active", changed_fields=["name"]),
        TenantSuspended(**_TENANT, reason="payment overdue"),
        TenantReactivated(**_TENANT),
        TenantDeleted(**_TENANT, reason="contract ended", deleted_at=datetime(2025, 3, 14, 12, 0, tzinfo=UTC)),
        BillingSettingsUpdated(
            margin_percent=Decimal("25.00"),
            margin_mode="tiered",
            tiers=[
                MarginTier(up_to=Decimal("1000.00"), margin_percent=Decimal("25.00")),
                MarginTier(up_to=None, margin_percent=Decimal("15.50")),
            ],
            tax_enabled=True,
            tax_percent=Decimal("8.25"),
            tax_id="US-123",
            currency="USD",
            budget_limit=Decimal("5000.00"),
            alert_thresholds=[50, 80, 100],
            effective_at=_AT,
            updated_by="admin-7",
        ),
        InvoiceCreated(
            **_INVOICE,
            subtotal=Decimal("1140.40"),
            margin_percent=Decimal("20.00"),
            tax=Decimal("94.16"),
            tax_percent=Decimal("8.25"),
            due_date=_AT,
            line_items=[
                InvoiceLine(
                    description="GPT-4o tokens",
                    quantity=1,
                    unit_amount=Decimal("1140.40"),
                    amount=Decimal("1140.40"),
                    model_id="gpt-4o",
                )
            ],
        ),
        InvoicePaid(**_INVOICE, amount_paid=Decimal("1234.56"), paid_at=_AT, provider_payment_id="pi_123"),
        InvoicePaymentFailed(**_INVOICE, failure_reason="card_declined", attempt_count=2, next_attempt_at=_AT),
        BudgetThresholdCrossed(
            threshold_percent=80,
            period=_PERIOD,
            budget_limit=Decimal("5000.00"),
            month_to_date_cost=Decimal("4012.37"),
            currency="USD",
        ),
        SubscriptionChanged(
            subscription_id="sub_1",
            change="upgrade",
            previous_plan="starter",
            plan="pro",
            status="active",
            effective_at=_AT,
            provider="internal",
            revision=3,
            plan_name="Pro",
            plan_version=2,
            limits=PlanLimits(max_users=50, max_agents=20, max_tokens_per_month=50_000_000, max_storage_gb=None),
            features=["sso", "priority_support"],
            period=_PERIOD,
            currency="USD",
            monthly_price=Decimal("199.00"),
        ),
        AgentStartRequested(
            agent_id=_AGENT_ID,
            request_id="c1d2e3f4-0000-4000-8000-000000000001",
            configuration_version=3,
            configuration=AgentConfiguration(
                name="Triage assistant",
                description="Sorts incoming patient questions",
                model_id="gpt-4o",
                system_prompt="You are a careful triage assistant.",
                temperature=0.2,
                top_p=0.9,
                max_tokens=800,
                visibility="tenant",
            ),
            requested_by="admin-7",
        ),
        AgentStopRequested(
            agent_id=_AGENT_ID, request_id="c1d2e3f4-0000-4000-8000-000000000002", requested_by="admin-7"
        ),
        AgentDeleted(agent_id=_AGENT_ID, deleted_by="admin-7"),
        AgentStatusReported(
            agent_id=_AGENT_ID,
            status="failed",
            reported_at=_AT,
            request_id="c1d2e3f4-0000-4000-8000-000000000001",
            configuration_version=3,
            reason="model gpt-4o refused the credentials",
        ),
    ]
    return {p.event_type: p for p in payloads}


def example_approval_details() -> dict[str, ApprovalPayload]:
    """Approval type → a valid `details` payload of that type (fresh instances on each call)."""
    payloads: list[ApprovalPayload] = [
        UserRoleChange(user_id="admin-42", previous_role="operator", new_role="admin", email="grace@acme.example"),
        AdminInvitation(
            invitation_id="5b7d9f7e-3c1a-4e8b-9d2f-0a1b2c3d4e5f",
            email="ada@acme.example",
            role="super_admin",
            message="Welcome to the production tenant.",
            expires_in_hours=48,
        ),
        AdminStatusChange(user_id="admin-42", action="suspend", role="admin", email="grace@acme.example"),
        TenantSecurityPolicy(mfa_required=True, session_lifetime_hours=12, ip_allow_list=["203.0.113.0/24"]),
        AgentDeployment(
            agent_id="7b3e9c2a-5d1f-4e8b-9a6c-2f4d8e1b3c5a",
            configuration_version=3,
            agent_name="Triage assistant",
            previous_version=2,
        ),
        BillingChange(
            settings=BillingSettingsChange(
                margin_percent=Decimal("25.00"),
                margin_type="tiered",
                tiers=[
                    MarginTierChange(up_to=Decimal("1000.00"), margin_percent=Decimal("25.00")),
                    MarginTierChange(up_to=None, margin_percent=Decimal("15.50")),
                ],
                budget_limit=None,
                alert_thresholds=[50, 80, 100],
            )
        ),
        ModelActivation(model_id="gpt-4o", status="active"),
        ProviderChange(
            model_id="gpt-4o",
            provider_id="azure-openai",
            input_price_per_million=Decimal("2.250000"),
            output_price_per_million=Decimal("10.00"),
            effective_from=datetime(2025, 4, 1, tzinfo=UTC),
        ),
        TenantDeletion(
            tenant_id="3f2c8a9e-1b4d-4c7a-9e2f-5d6b7a8c9d0e",
            reason="Contract ended; the customer asked for their data to be erased.",
            tenant_name="Acme Corp",
            environment="prod",
        ),
        Deployment(version="2.4.0", commit_sha="9fceb02d0ae598e95dc970b74767f19372d61af8"),
        Promotion(
            deployment_id="dep-2025-03-14-1", source_environment="staging", target_environment="prod", version="2.4.0"
        ),
    ]
    return {p.approval_type: p for p in payloads}
