"""ORM models of the provider tables (migrations/versions/0004_lago_provider)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, DateTime, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ..models import Base


class ProviderSync(Base):
    """What billing wants a provider to hold for a tenant (its customer, its subscription), and
    whether the provider has it yet: `pending` rows are retried with backoff until `synced`."""

    __tablename__ = "provider_syncs"

    tenant_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    provider: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    wanted: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    synced: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LagoUsageSent(Base):
    """A usage event Lago accepted (by its transaction id = the usage event's request id)."""

    __tablename__ = "lago_usage_sent"

    tenant_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    transaction_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    batch_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LagoUsageBatch(Base):
    """One `/events/batch` call Lago accepted, with the transaction ids it carried (the record of what was sent)."""

    __tablename__ = "lago_usage_batches"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    consumer: Mapped[str] = mapped_column(String(255))
    transaction_ids: Mapped[list[str]] = mapped_column(ARRAY(Text))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LagoWebhook(Base):
    """A Lago webhook already processed (Lago delivers at least once): keyed by its unique key."""

    __tablename__ = "lago_webhooks"

    webhook_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    webhook_type: Mapped[str] = mapped_column(String(100))
    object_id: Mapped[str | None] = mapped_column(String(255))
    tenant_id: Mapped[str | None] = mapped_column(String(255))
    outcome: Mapped[str] = mapped_column(String(50), default="received")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
