"""Every v1 event payload, grouped by topic. `ALL_PAYLOADS` is the registry's source of truth."""

from __future__ import annotations

from radiant_contracts.approvals import ApprovalType
from radiant_contracts.events.approval import (
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExecuted,
    ApprovalExecutionFailed,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
    Priority,
)
from radiant_contracts.events.audit import (
    AUDIT_ACTION_PATTERN,
    AUDIT_ACTIONS,
    Actor,
    ActorRef,
    ActorType,
    AuditRecorded,
    Outcome,
)
from radiant_contracts.events.billing import (
    BillingPeriod,
    BillingSettingsUpdated,
    BudgetThresholdCrossed,
    InvoiceCreated,
    InvoiceLine,
    InvoicePaid,
    InvoicePaymentFailed,
    MarginMode,
    MarginTier,
    SubscriptionChanged,
)
from radiant_contracts.events.tenant import (
    TenantCreated,
    TenantDeleted,
    TenantReactivated,
    TenantStatus,
    TenantSuspended,
    TenantUpdated,
)
from radiant_contracts.events.usage import RequestType, UsageRecorded
from radiant_contracts.payload import EventPayload

ALL_PAYLOADS: tuple[type[EventPayload], ...] = (
    UsageRecorded,
    AuditRecorded,
    ApprovalRequested,
    ApprovalApproved,
    ApprovalRejected,
    ApprovalCancelled,
    ApprovalExpired,
    ApprovalExecuted,
    ApprovalExecutionFailed,
    TenantCreated,
    TenantUpdated,
    TenantSuspended,
    TenantReactivated,
    TenantDeleted,
    BillingSettingsUpdated,
    InvoiceCreated,
    InvoicePaid,
    InvoicePaymentFailed,
    BudgetThresholdCrossed,
    SubscriptionChanged,
)

__all__ = [
    "ALL_PAYLOADS",
    "AUDIT_ACTIONS",
    "AUDIT_ACTION_PATTERN",
    "Actor",
    "ActorRef",
    "ActorType",
    "ApprovalApproved",
    "ApprovalCancelled",
    "ApprovalExecuted",
    "ApprovalExecutionFailed",
    "ApprovalExpired",
    "ApprovalRejected",
    "ApprovalRequested",
    "ApprovalType",
    "AuditRecorded",
    "BillingPeriod",
    "BillingSettingsUpdated",
    "BudgetThresholdCrossed",
    "InvoiceCreated",
    "InvoiceLine",
    "InvoicePaid",
    "InvoicePaymentFailed",
    "MarginMode",
    "MarginTier",
    "Outcome",
    "Priority",
    "RequestType",
    "SubscriptionChanged",
    "TenantCreated",
    "TenantDeleted",
    "TenantReactivated",
    "TenantStatus",
    "TenantSuspended",
    "TenantUpdated",
    "UsageRecorded",
]
