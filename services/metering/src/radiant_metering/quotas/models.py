"""ORM models of metering's quota tables (DDL in migration 0006_quotas_tiered_margins)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..models import TZ, Base


class QuotaLimits(Base):
    """A tenant's token and storage limits (None: unlimited), from its plan."""

    __tablename__ = "quota_limits"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    max_tokens_per_month: Mapped[int | None] = mapped_column(BigInteger)
    max_storage_bytes: Mapped[int | None] = mapped_column(BigInteger)
    plan: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int | None] = mapped_column(BigInteger)
    effective_at: Mapped[datetime] = mapped_column(TZ)
    source_event_id: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(TZ)


class StorageGauge(Base):
    __tablename__ = "storage_gauges"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    bytes_used: Mapped[int] = mapped_column(BigInteger)
    reported_at: Mapped[datetime] = mapped_column(TZ)
    source_event_id: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(TZ)


class QuotaThreshold(Base):
    __tablename__ = "quota_thresholds"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    resource: Mapped[str] = mapped_column(Text, primary_key=True)
    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    quota_limit: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    threshold_percent: Mapped[int] = mapped_column(Integer, primary_key=True)
    current_value: Mapped[int] = mapped_column(BigInteger)
    crossed_at: Mapped[datetime] = mapped_column(TZ)
