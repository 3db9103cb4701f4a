"""ORM models of identity's quota tables (DDL in migration 0005_quotas)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..models import Base


class PlanLimits(Base):
    """The tenant's plan limits (None: unlimited), as billing last published them."""

    __tablename__ = "plan_limits"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    max_users: Mapped[int | None] = mapped_column(BigInteger)
    max_agents: Mapped[int | None] = mapped_column(BigInteger)
    max_tokens_per_month: Mapped[int | None] = mapped_column(BigInteger)
    max_storage_gb: Mapped[int | None] = mapped_column(BigInteger)
    plan: Mapped[str | None] = mapped_column(String(255))
    revision: Mapped[int | None] = mapped_column(BigInteger)
    effective_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source_event_id: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class QuotaNotice(Base):
    __tablename__ = "quota_notices"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    resource: Mapped[str] = mapped_column(String(20), primary_key=True)
    quota_limit: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    threshold_percent: Mapped[int] = mapped_column(Integer, primary_key=True)
    notified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
