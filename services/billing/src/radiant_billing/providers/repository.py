"""All SQL of the provider boundary. Functions take the caller's session and never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import BillingSettings, Invoice
from .models import LagoUsageBatch, LagoUsageSent, LagoWebhook, ProviderSync

# --- which provider --------------------------------------------------------------------------------


async def provider_overrides(session: AsyncSession, tenant_ids: Sequence[str]) -> dict[str, str | None]:
    rows = await session.execute(
        select(BillingSettings.tenant_id, BillingSettings.billing_provider).where(
            BillingSettings.tenant_id.in_(list(tenant_ids))
        )
    )
    return {tenant_id: provider for tenant_id, provider in rows}


async def set_provider_override(session: AsyncSession, tenant_id: str, provider: str | None) -> None:
    stmt = insert(BillingSettings).values(tenant_id=tenant_id, billing_provider=provider)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[BillingSettings.tenant_id],
            set_={"billing_provider": provider, "updated_at": func.now()},
        )
    )


async def set_billing_email_if_unset(session: AsyncSession, tenant_id: str, email: str) -> None:
    stmt = insert(BillingSettings).values(tenant_id=tenant_id, billing_email=email)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[BillingSettings.tenant_id],
            set_={"billing_email": email, "updated_at": func.now()},
            where=BillingSettings.billing_email.is_(None),
        )
    )


# --- sync state ------------------------------------------------------------------------------------


async def want_sync(
    session: AsyncSession, *, tenant_id: str, provider: str, kind: str, external_id: str, wanted: dict[str, Any]
) -> None:
    """Record what the provider should hold; due at once unless it already holds exactly that."""
    stmt = insert(ProviderSync).values(
        tenant_id=tenant_id,
        provider=provider,
        kind=kind,
        external_id=external_id,
        wanted=wanted,
        status="pending",
        next_attempt_at=func.now(),
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[ProviderSync.tenant_id, ProviderSync.provider, ProviderSync.kind],
            set_={
                "wanted": stmt.excluded.wanted,
                "external_id": stmt.excluded.external_id,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": func.now(),
                "updated_at": func.now(),
            },
            # Wanting again what the provider already holds changes nothing (redelivered events).
            where=ProviderSync.synced.is_distinct_from(stmt.excluded.wanted),
        )
    )


async def lock_sync(session: AsyncSession, tenant_id: str, provider: str, kind: str) -> ProviderSync | None:
    """The pending row, locked (SKIP LOCKED: another worker is on it)."""
    return await session.scalar(
        select(ProviderSync)
        .where(
            ProviderSync.tenant_id == tenant_id,
            ProviderSync.provider == provider,
            ProviderSync.kind == kind,
            ProviderSync.status == "pending",
        )
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )


async def syncs_due(session: AsyncSession, now: datetime, limit: int) -> Sequence[tuple[str, str, str]]:
    rows = await session.execute(
        select(ProviderSync.tenant_id, ProviderSync.provider, ProviderSync.kind)
        .where(ProviderSync.status == "pending", ProviderSync.next_attempt_at <= now)
        # customers before subscriptions: a subscription needs its customer
        .order_by(ProviderSync.next_attempt_at, ProviderSync.kind)
        .limit(limit)
    )
    return [(t, p, k) for t, p, k in rows]


async def get_sync(session: AsyncSession, tenant_id: str, provider: str, kind: str) -> ProviderSync | None:
    return await session.get(ProviderSync, (tenant_id, provider, kind))


async def update_sync(session: AsyncSession, row: ProviderSync, **values: Any) -> None:
    await session.execute(
        update(ProviderSync)
        .where(
            ProviderSync.tenant_id == row.tenant_id,
            ProviderSync.provider == row.provider,
            ProviderSync.kind == row.kind,
        )
        .values(**values, updated_at=func.now())
    )


# --- usage sent to Lago ----------------------------------------------------------------------------


async def already_sent(session: AsyncSession, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Of these (tenant id, transaction id) pairs, those Lago already accepted."""
    if not keys:
        return set()
    rows = await session.execute(
        select(LagoUsageSent.tenant_id, LagoUsageSent.transaction_id).where(
            tuple_(LagoUsageSent.tenant_id, LagoUsageSent.transaction_id).in_(list(keys))
        )
    )
    return {(tenant, transaction) for tenant, transaction in rows}


async def record_sent(
    session: AsyncSession, *, consumer: str, batch_id: uuid.UUID, sent: Sequence[tuple[str, str]]
) -> None:
    """`sent`: (transaction id, tenant id) of each event of one accepted batch."""
    await session.execute(
        insert(LagoUsageBatch).values(id=batch_id, consumer=consumer, transaction_ids=[t for t, _ in sent])
    )
    await session.execute(
        insert(LagoUsageSent)
        .values([{"transaction_id": t, "tenant_id": tenant, "batch_id": batch_id} for t, tenant in sent])
        .on_conflict_do_nothing()
    )


# --- webhooks and invoices -------------------------------------------------------------------------


async def claim_webhook(session: AsyncSession, key: str, webhook_type: str, object_id: str | None) -> bool:
    """True the first time this webhook is seen (concurrent deliveries: one wins, the other waits)."""
    claimed = await session.scalar(
        insert(LagoWebhook)
        .values(webhook_key=key, webhook_type=webhook_type, object_id=object_id)
        .on_conflict_do_nothing()
        .returning(LagoWebhook.webhook_key)
    )
    return claimed is not None


async def set_webhook_outcome(session: AsyncSession, key: str, outcome: str, tenant_id: str | None) -> None:
    await session.execute(
        update(LagoWebhook).where(LagoWebhook.webhook_key == key).values(outcome=outcome, tenant_id=tenant_id)
    )


async def insert_provider_invoice(session: AsyncSession, values: dict[str, Any]) -> Invoice | None:
    """Store a provider's invoice unless it is stored already (then None)."""
    return await session.scalar(
        insert(Invoice)
        .values(**values)
        .on_conflict_do_nothing(
            index_elements=[Invoice.provider, Invoice.provider_invoice_id],
            index_where=Invoice.provider_invoice_id.is_not(None),
        )
        .returning(Invoice)
    )


async def find_provider_invoice(session: AsyncSession, provider: str, provider_invoice_id: str) -> Invoice | None:
    return await session.scalar(
        select(Invoice)
        .where(Invoice.provider == provider, Invoice.provider_invoice_id == provider_invoice_id)
        .with_for_update()
    )


async def tenant_for_subscription(session: AsyncSession, provider: str, external_id: str) -> str | None:
    return await session.scalar(
        select(ProviderSync.tenant_id).where(
            ProviderSync.provider == provider,
            ProviderSync.kind == "subscription",
            ProviderSync.external_id == external_id,
        )
    )
