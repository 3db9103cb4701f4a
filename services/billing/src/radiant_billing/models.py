"""ORM models of the billing schema (tables created by migrations/versions/0002)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ARRAY, Boolean, Date, DateTime, Integer, Numeric, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from radiant_platform.db import schema_metadata


class Base(DeclarativeBase):
    metadata = schema_metadata("billing")


class BillingSettings(Base):
    __tablename__ = "billing_settings"

    tenant_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    margin_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("20.00"))
    margin_type: Mapped[str] = mapped_column(String(20), default="fixed")
    tiers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    tax_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    tax_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0.00"))
    tax_id: Mapped[str | None] = mapped_column(String(50))
    stripe_customer_id: Mapped[str | None] = mapped_column(String(100))
    default_payment_method_id: Mapped[str | None] = mapped_column(String(100))
    auto_pay: Mapped[bool] = mapped_column(Boolean, default=False)
    billing_cycle_day: Mapped[int] = mapped_column(Integer, default=1)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    budget_limit: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    alert_thresholds: Mapped[list[int]] = mapped_column(ARRAY(Integer), default=lambda: [50, 75, 90, 100])
    app_id: Mapped[str | None] = mapped_column(String(255))
    tenant_name: Mapped[str | None] = mapped_column(String(255))
    tenant_status: Mapped[str] = mapped_column(String(20), default="active")
    #: The tenant's provider when an operator chose one; None: the platform's (`BILLING_PROVIDER`).
    billing_provider: Mapped[str | None] = mapped_column(String(10))
    billing_email: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SettingsChange(Base):
    """A settings update waiting for (or decided by) a `billing_change` approval."""

    __tablename__ = "settings_changes"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[str] = mapped_column(String(255))
    approval_id: Mapped[str | None] = mapped_column(String(255))
    requested: Mapped[dict[str, Any]] = mapped_column(JSONB)
    requested_by: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(64))
    tenant_id: Mapped[str] = mapped_column(String(255))
    app_id: Mapped[str | None] = mapped_column(String(255))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    provider_cost: Mapped[Decimal] = mapped_column(Numeric)
    subtotal: Mapped[Decimal] = mapped_column(Numeric)
    margin_percent: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    margin_amount: Mapped[Decimal] = mapped_column(Numeric)
    tax: Mapped[Decimal] = mapped_column(Numeric)
    tax_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    total: Mapped[Decimal] = mapped_column(Numeric)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    due_date: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    line_items: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    stripe_invoice_id: Mapped[str | None] = mapped_column(String(100))
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(String(100))
    stripe_sync_status: Mapped[str] = mapped_column(String(20), default="not_requested")
    stripe_sync_attempts: Mapped[int] = mapped_column(Integer, default=0)
    stripe_next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stripe_last_error: Mapped[str | None] = mapped_column(Text)
    payment_attempts: Mapped[int] = mapped_column(Integer, default=0)
    payment_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    grace_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    generated_by: Mapped[str | None] = mapped_column(String(255))
    #: Who issued it: `stripe` (billing computed it and pushed it to Stripe) or `lago` (Lago's invoice).
    provider: Mapped[str] = mapped_column(String(10), default="stripe", server_default="stripe")
    provider_invoice_id: Mapped[str | None] = mapped_column(String(100))
    # The tenant's plan when the invoice was issued, and the USD rate its usage was converted at
    # (None: billed in USD); revision 0004.
    plan_id: Mapped[str | None] = mapped_column(String(64))
    exchange_rate: Mapped[Decimal | None] = mapped_column(Numeric(20, 10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BudgetAlert(Base):
    """One row per (tenant, period, threshold): the primary key makes each alert fire once."""

    __tablename__ = "budget_alerts"

    tenant_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    threshold_percent: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_end: Mapped[date] = mapped_column(Date)
    budget_limit: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    cost_at_crossing: Mapped[Decimal] = mapped_column(Numeric)
    crossed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StripeEvent(Base):
    """Stripe webhook events already processed (Stripe delivers at least once)."""

    __tablename__ = "stripe_events"

    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(100))
    tenant_id: Mapped[str | None] = mapped_column(String(255))
    outcome: Mapped[str] = mapped_column(String(50))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
