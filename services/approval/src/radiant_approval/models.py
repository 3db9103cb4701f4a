"""ORM models of the approval schema (tables created by migrations 0002+, never `create_all`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from radiant_platform.db import schema_metadata


class Base(DeclarativeBase):
    metadata = schema_metadata("approval")


class ApprovalRequest(Base):
    __tablename__ = "approval_requests"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[str] = mapped_column(String(100))
    app_id: Mapped[str | None] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(50))
    environment: Mapped[str] = mapped_column(String(20))
    requested_by: Mapped[str] = mapped_column(String(255))
    requested_by_name: Mapped[str | None] = mapped_column(String(255))
    requested_by_email: Mapped[str | None] = mapped_column(String(255))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    action: Mapped[str] = mapped_column(String(100))
    resource_type: Mapped[str] = mapped_column(String(100))
    resource_id: Mapped[str] = mapped_column(String(255))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    priority: Mapped[str] = mapped_column(String(20), default="medium")
    notes: Mapped[str | None] = mapped_column(Text)
    requires_two_person: Mapped[bool] = mapped_column(Boolean, default=False)
    required_approvals: Mapped[int] = mapped_column(Integer, default=1)
    decided_by: Mapped[str | None] = mapped_column(String(255))
    decided_by_name: Mapped[str | None] = mapped_column(String(255))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    # The service that filed it for its requester (identity, billing, metering); None: filed through
    # the public API (external deployers' types).
    filed_by_service: Mapped[str | None] = mapped_column(String(50))
    execution_status: Mapped[str | None] = mapped_column(String(20))
    execution_service: Mapped[str | None] = mapped_column(String(100))
    execution_result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    execution_error: Mapped[str | None] = mapped_column(Text)
    executed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    reviews: Mapped[list[ApprovalReview]] = relationship(
        back_populates="approval", lazy="raise", order_by="ApprovalReview.id"
    )


class ApprovalReview(Base):
    """One reviewer's approve/reject; unique per (approval, reviewer), so nobody counts twice."""

    __tablename__ = "approval_reviews"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    approval_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("approval.approval_requests.id"))
    tenant_id: Mapped[str] = mapped_column(String(100))
    reviewer_id: Mapped[str] = mapped_column(String(255))
    reviewer_name: Mapped[str | None] = mapped_column(String(255))
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    approval: Mapped[ApprovalRequest] = relationship(back_populates="reviews", lazy="raise")
