"""ORM models of the metering schema (DDL lives in the migrations; raw usage events are SQL-only)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Numeric, Text
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from radiant_platform.db import schema_metadata


class Base(DeclarativeBase):
    metadata = schema_metadata("metering")


TZ = TIMESTAMP(timezone=True)
COST = Numeric(24, 10)
PRICE = Numeric(18, 6)


class Model(Base):
    """A model in the registry; `unregistered` marks one first seen in usage (priced with defaults)."""

    __tablename__ = "models"

    model_id: Mapped[str] = mapped_column(Text, primary_key=True)
    provider_id: Mapped[str] = mapped_column(Text)
    model_name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(TZ)
    updated_at: Mapped[datetime] = mapped_column(TZ)
    updated_by: Mapped[str | None] = mapped_column(Text)

    prices: Mapped[list[ModelPrice]] = relationship(lazy="raise", order_by="ModelPrice.effective_from")


class ModelPrice(Base):
    """One price version; it applies to usage that occurred from `effective_from` until the next one."""

    __tablename__ = "model_prices"

    model_id: Mapped[str] = mapped_column(Text, ForeignKey("models.model_id"), primary_key=True)
    effective_from: Mapped[datetime] = mapped_column(TZ, primary_key=True)
    input_price_per_million: Mapped[Decimal] = mapped_column(PRICE)
    output_price_per_million: Mapped[Decimal] = mapped_column(PRICE)
    created_at: Mapped[datetime] = mapped_column(TZ)
    created_by: Mapped[str | None] = mapped_column(Text)


class TenantMargin(Base):
    """The tenant's margin from `effective_from` on (metering's copy of billing's setting)."""

    __tablename__ = "tenant_margins"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    effective_from: Mapped[datetime] = mapped_column(TZ, primary_key=True)
    margin_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    source_event_id: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(TZ)


class UsageRollup(Base):
    __tablename__ = "usage_rollups"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    usage_date: Mapped[date] = mapped_column(Date, primary_key=True)
    model_id: Mapped[str] = mapped_column(Text, primary_key=True)
    provider_id: Mapped[str] = mapped_column(Text)
    request_count: Mapped[int] = mapped_column(BigInteger)
    input_tokens: Mapped[int] = mapped_column(BigInteger)
    output_tokens: Mapped[int] = mapped_column(BigInteger)
    total_tokens: Mapped[int] = mapped_column(BigInteger)
    provider_cost: Mapped[Decimal] = mapped_column(COST)
    billed_cost: Mapped[Decimal] = mapped_column(COST)
    cached_requests: Mapped[int] = mapped_column(BigInteger)
    phi_requests: Mapped[int] = mapped_column(BigInteger)
    latency_sum_ms: Mapped[int] = mapped_column(BigInteger)
    unpriced_requests: Mapped[int] = mapped_column(BigInteger)
    #: Requests recorded while the tenant was suspended: metered and billed like any, and flagged.
    suspended_requests: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(TZ)


class TenantSuspension(Base):
    """Metering's copy of a tenant's suspensions (from `tenant-events`): usage that occurred inside
    [suspended_from, suspended_until) is flagged; an open interval is a suspension still in force."""

    __tablename__ = "tenant_suspensions"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    suspended_from: Mapped[datetime] = mapped_column(TZ, primary_key=True)
    suspended_until: Mapped[datetime | None] = mapped_column(TZ)
    source_event_id: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(TZ)


class UsageMonthToDate(Base):
    """Per tenant and calendar month (UTC): the exact source of the Redis month-to-date counters."""

    __tablename__ = "usage_month_to_date"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    request_count: Mapped[int] = mapped_column(BigInteger)
    input_tokens: Mapped[int] = mapped_column(BigInteger)
    output_tokens: Mapped[int] = mapped_column(BigInteger)
    total_tokens: Mapped[int] = mapped_column(BigInteger)
    provider_cost: Mapped[Decimal] = mapped_column(COST)
    billed_cost: Mapped[Decimal] = mapped_column(COST)
    updated_at: Mapped[datetime] = mapped_column(TZ)
