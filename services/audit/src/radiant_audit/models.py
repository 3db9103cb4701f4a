"""The audit service's tables (schema `audit`); DDL, triggers and grants are in the migrations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Index, PrimaryKeyConstraint, Text, UniqueConstraint, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from radiant_platform.db import schema_metadata


class Base(DeclarativeBase):
    metadata = schema_metadata("audit")


class AuditEntry(Base):
    """One audited action, a link in its tenant's hash chain. Append-only (triggers refuse changes).

    Structured fields are `json`, not `jsonb`: `json` keeps the text exactly as written, so the
    values read back are the values that were hashed (jsonb would renormalise numbers such as 1e300).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        PrimaryKeyConstraint("tenant_id", "seq"),
        UniqueConstraint("tenant_id", "event_id", name="uq_audit_log_tenant_event"),
        # Each filter's index ends with the listing order, newest first by (occurred_at, seq) (0004).
        Index("ix_audit_log_time_seq", "tenant_id", "occurred_at", "seq"),
        Index("ix_audit_log_action_time", "tenant_id", "action", "occurred_at", "seq"),
        Index("ix_audit_log_actor_time", "tenant_id", "actor_id", "occurred_at", "seq"),
        Index("ix_audit_log_resource_time", "tenant_id", "resource_type", "resource_id", "occurred_at", "seq"),
    )

    tenant_id: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[str] = mapped_column(Text)
    event_type: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_type: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[str] = mapped_column(Text)
    actor_name: Mapped[str | None] = mapped_column(Text)
    actor_ip: Mapped[str | None] = mapped_column(Text)
    actor_user_agent: Mapped[str | None] = mapped_column(Text)
    impersonator: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # COLLATE "C" so `action LIKE 'invitation.%'` can use the index.
    action: Mapped[str] = mapped_column(Text(collation="C"))
    resource_type: Mapped[str] = mapped_column(Text)
    resource_id: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    app_id: Mapped[str | None] = mapped_column(Text)
    environment: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)  # payload fields newer than this service's contract
    prev_hash: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(Text)


class ChainHead(Base):
    """Each tenant's latest link; its row lock serialises sequence assignment per tenant."""

    __tablename__ = "chain_heads"

    tenant_id: Mapped[str] = mapped_column(Text, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Checkpoint(Base):
    """A signed statement 'tenant T's chain had hash H at entry N'. Append-only."""

    __tablename__ = "checkpoints"
    __table_args__ = (Index("ix_checkpoints_tenant_seq", "tenant_id", "seq"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    key_id: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(Text)


class SiemCheckpointCursor(Base):
    """Per SIEM sink: the id of the last checkpoint it accepted (checkpoints go out in id order)."""

    __tablename__ = "siem_checkpoint_cursors"

    sink: Mapped[str] = mapped_column(Text, primary_key=True)
    last_checkpoint_id: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
