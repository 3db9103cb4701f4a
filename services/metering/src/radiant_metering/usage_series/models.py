"""`usage_hourly` (migration 0006_usage_by_agent): the ingest statement writes it, this package reads it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..models import COST, TZ, Base


class UsageHourly(Base):
    __tablename__ = "usage_hourly"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    usage_hour: Mapped[datetime] = mapped_column(TZ, primary_key=True)
    model_id: Mapped[str] = mapped_column(Text, primary_key=True)
    #: '' when the producer named no agent.
    agent_id: Mapped[str] = mapped_column(Text, primary_key=True)
    request_count: Mapped[int] = mapped_column(BigInteger)
    input_tokens: Mapped[int] = mapped_column(BigInteger)
    output_tokens: Mapped[int] = mapped_column(BigInteger)
    total_tokens: Mapped[int] = mapped_column(BigInteger)
    provider_cost: Mapped[Decimal] = mapped_column(COST)
    billed_cost: Mapped[Decimal] = mapped_column(COST)
    updated_at: Mapped[datetime] = mapped_column(TZ)
