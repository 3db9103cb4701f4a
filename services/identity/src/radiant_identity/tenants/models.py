"""The lifecycle's tables (migration `0003_tenant_lifecycle`); the tenant row itself is `..models.Tenant`."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ..models import Base


class TenantStatusChange(Base):
    """One change of a tenant's status: what it was, what it became, why and by whom."""

    __tablename__ = "tenant_status_changes"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(20))  # None: the tenant was created
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str | None] = mapped_column(String(100))
    changed_by_name: Mapped[str | None] = mapped_column(String(255))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


class ImpersonationSession(Base):
    """An operator acting in a tenant's name; its id is the issued token's `jti`."""

    __tablename__ = "impersonation_sessions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), nullable=False)
    operator_id: Mapped[str] = mapped_column(String(100), nullable=False)
    operator_email: Mapped[str | None] = mapped_column(String(255))
    operator_name: Mapped[str | None] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    read_only: Mapped[bool] = mapped_column(Boolean, nullable=False)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_by: Mapped[str | None] = mapped_column(String(100))
    end_reason: Mapped[str | None] = mapped_column(String(30))


class TenantDeletionRequest(Base):
    """The `tenant_deletion` approval last filed for a tenant (migration `0007_tenant_deletion_requests`):
    while the approval service still holds it pending, another deletion request is refused."""

    __tablename__ = "tenant_deletion_requests"

    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    approval_id: Mapped[str] = mapped_column(String(255), nullable=False)
    requested_by: Mapped[str] = mapped_column(String(100), nullable=False)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
