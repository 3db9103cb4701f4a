"""The audit service's rules: chaining on ingest, queries, exports, the compliance summary, verify."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.api import CursorPagination
from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.audit import AuditRecorded
from radiant_platform.db import unit_of_work

from . import repository as repo
from .chain import ChainWalk, SignedCheckpoint, format_time, new_entry_hash, sign_checkpoint
from .keys import CheckpointKey, CheckpointVerifier
from .models import AuditEntry
from .schemas import (
    ActorOut,
    CountOut,
    EntryFilter,
    EntryOut,
    EntryPage,
    PrivilegedOut,
    SummaryOut,
    VerificationOut,
    decode_cursor,
    encode_cursor,
)
from .verification import checkpoint_seqs, judge

# Privileged actions for the compliance summary: role changes, approvals, impersonation, settings,
# and the removals/tenant-level changes an auditor asks about first. Anything done under
# impersonation is privileged too, whatever its action.
PRIVILEGED_ACTIONS: frozenset[str] = frozenset(
    {
        "user.role_change",
        "user.remove",
        "tenant.impersonate",
        "tenant.suspend",
        "tenant.delete",
        "billing.settings_update",
        "billing.upgrade",
        "billing.downgrade",
        "model.update",
        "invitation.create",
        "user.invite",  # seed 004's name of invitation.create, which identity emits
    }
)
PRIVILEGED_PREFIXES: tuple[str, ...] = ("approval.", "settings.", "mfa.")

DEFAULT_SUMMARY_DAYS = 30
EXPORT_PAGE = 1000
VERIFY_PAGE = 5000


# --- ingestion --------------------------------------------------------------------------------------


_ACTOR_FIELDS = frozenset({"type", "id", "name", "ip", "user_agent", "impersonator"})


def entry_fields(
    event: CloudEvent[AuditRecorded], *, seq: int, prev_hash: str, recorded_at: datetime
) -> dict[str, Any]:
    """The stored (and hashed) form of one event. Attribute access, not model_dump: this is the hot path."""
    data, actor = event.data, event.data.actor
    # Fields newer producers added (the contract tolerates them) are kept, not dropped.
    extra: dict[str, Any] = {k: _plain(v) for k, v in (data.model_extra or {}).items()}
    if actor.model_extra:
        extra["actor"] = {k: _plain(v) for k, v in actor.model_extra.items() if k not in _ACTOR_FIELDS}
    impersonator = actor.impersonator
    return {
        "tenant_id": event.tenantid,
        "seq": seq,
        "prev_hash": prev_hash,
        "event_id": event.id,
        "event_type": event.type,
        "source": event.source,
        "occurred_at": event.time.astimezone(UTC),
        "recorded_at": recorded_at,
        "actor_type": actor.type,
        "actor_id": actor.id,
        "actor_name": actor.name,
        "actor_ip": _ip_text(actor.ip) if actor.ip is not None else None,
        "actor_user_agent": actor.user_agent,
        "impersonator": impersonator.model_dump(mode="json") if impersonator is not None else None,
        "action": data.action,
        "resource_type": data.resource_type,
        "resource_id": data.resource_id,
        "outcome": data.outcome,
        "details": data.details,
        "app_id": data.app_id,
        "environment": data.environment,
        "extra": extra,
    }


@lru_cache(maxsize=8192)
def _ip_text(address: Any) -> str:
    """`str()` of an address runs Python code in `ipaddress`; events come from few addresses."""
    return str(address)


def _plain(value: Any) -> Any:
    """Unknown fields arrive as plain JSON values, except nested unknown objects a model kept."""
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


def chain_events(
    events: Sequence[CloudEvent[AuditRecorded]],
    heads: dict[str, tuple[int, str]],
    already_stored: set[tuple[str, str]],
    recorded_at: datetime,
) -> list[dict[str, Any]]:
    """Append each new event to its tenant's chain (in arrival order); updates `heads` in place."""
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set(already_stored)
    recorded_at_text = format_time(recorded_at)
    for event in events:
        key = (event.tenantid, event.id)
        if key in seen:
            continue  # a redelivery, or the same event twice in one batch: stored once
        seen.add(key)
        last_seq, last_hash = heads[event.tenantid]
        fields = entry_fields(event, seq=last_seq + 1, prev_hash=last_hash, recorded_at=recorded_at)
        fields["hash"] = new_entry_hash(fields, recorded_at_text)
        heads[event.tenantid] = (fields["seq"], fields["hash"])
        entries.append(fields)
    return entries


async def record_events(session: AsyncSession, events: Sequence[CloudEvent[AuditRecorded]]) -> int:
    """Chain and store a batch; idempotent on (tenant, event id). Returns how many were new.

    Per-tenant order is safe even with several consumers: each tenant's head row is locked
    (`SELECT ... FOR UPDATE`) before its sequence numbers are assigned, so the unique (tenant, event
    id) constraint that catches a redelivery is checked under that lock too.
    """
    if not events:
        return 0
    before = await repo.lock_chain_heads(session, [e.tenantid for e in events])
    now = datetime.now(UTC)
    heads = dict(before)
    entries = chain_events(events, heads, set(), now)
    if not await repo.try_append_entries(session, entries):  # some were stored before: skip those
        heads = dict(before)
        stored = await repo.stored_event_ids(session, [(e.tenantid, e.id) for e in events])
        entries = chain_events(events, heads, stored, now)
        await repo.append_entries(session, entries)
    await repo.advance_heads(session, {t: h for t, h in heads.items() if h != before[t]})
    return len(entries)


# --- queries ----------------------------------------------------------------------------------------


def to_entry_out(e: AuditEntry) -> EntryOut:
    return EntryOut(
        id=e.event_id,
        seq=e.seq,
        occurred_at=e.occurred_at,
        recorded_at=e.recorded_at,
        source=e.source,
        actor=ActorOut(
            type=e.actor_type,
            id=e.actor_id,
            name=e.actor_name,
            ip=e.actor_ip,
            user_agent=e.actor_user_agent,
            impersonator=e.impersonator,
        ),
        action=e.action,
        resource_type=e.resource_type,
        resource_id=e.resource_id,
        outcome=e.outcome,
        details=e.details,
        app_id=e.app_id,
        environment=e.environment,
        extra=e.extra or {},
        prev_hash=e.prev_hash,
        hash=e.hash,
    )


async def query_entries(session: AsyncSession, f: EntryFilter, *, cursor: str | None, limit: int) -> EntryPage:
    before = decode_cursor(cursor) if cursor else None
    rows = await repo.newest_entries(session, f, before=before, limit=limit + 1)
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].occurred_at, rows[-1].seq) if has_more and rows else None
    return EntryPage(
        entries=[to_entry_out(r) for r in rows],
        pagination=CursorPagination(limit=limit, has_more=has_more, next_cursor=next_cursor),
    )


CSV_COLUMNS = (
    "seq",
    "id",
    "occurred_at",
    "recorded_at",
    "source",
    "actor_type",
    "actor_id",
    "actor_name",
    "actor_ip",
    "actor_user_agent",
    "impersonator",
    "action",
    "resource_type",
    "resource_id",
    "outcome",
    "details",
    "app_id",
    "environment",
    "extra",
    "prev_hash",
    "hash",
)


def _flat_row(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "id": e.event_id,
        "occurred_at": format_time(e.occurred_at),
        "recorded_at": format_time(e.recorded_at),
        "source": e.source,
        "actor_type": e.actor_type,
        "actor_id": e.actor_id,
        "actor_name": e.actor_name,
        "actor_ip": e.actor_ip,
        "actor_user_agent": e.actor_user_agent,
        "impersonator": e.impersonator,
        "action": e.action,
        "resource_type": e.resource_type,
        "resource_id": e.resource_id,
        "outcome": e.outcome,
        "details": e.details,
        "app_id": e.app_id,
        "environment": e.environment,
        "extra": e.extra or {},
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def _csv_safe(value: Any) -> str:
    """JSON for structures; a leading = + - @ is quoted with ' so spreadsheets don't run it (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    else:
        text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _csv_line(values: Sequence[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


async def export_entries(
    sessionmaker: async_sessionmaker[AsyncSession], f: EntryFilter, fmt: str
) -> AsyncIterator[bytes]:
    """Stream every matching entry in chain order, a page at a time (memory stays flat)."""
    if fmt == "csv":
        yield _csv_line(CSV_COLUMNS).encode()
    after = 0
    while True:
        async with unit_of_work(sessionmaker) as session:
            rows = await repo.entries_in_chain_order(session, f, after_seq=after, limit=EXPORT_PAGE)
        if not rows:
            return
        chunk = []
        for row in rows:
            flat = _flat_row(row)
            if fmt == "csv":
                chunk.append(_csv_line([_csv_safe(flat[c]) for c in CSV_COLUMNS]))
            else:
                chunk.append(json.dumps(flat, separators=(",", ":"), ensure_ascii=False) + "\n")
        yield "".join(chunk).encode()
        after = rows[-1].seq
        if len(rows) < EXPORT_PAGE:
            return


# --- compliance summary -----------------------------------------------------------------------------


def summary_period(since: datetime | None, until: datetime | None, now: datetime) -> tuple[datetime, datetime]:
    end = until or now
    return since or end - timedelta(days=DEFAULT_SUMMARY_DAYS), end


async def compliance_summary(session: AsyncSession, f: EntryFilter, *, privileged_limit: int) -> SummaryOut:
    assert f.since and f.until
    by_action = await repo.count_by(session, f, AuditEntry.action)
    by_actor = await repo.count_by(session, f, AuditEntry.actor_id)
    by_outcome = await repo.count_by(session, f, AuditEntry.outcome)
    privileged = await repo.privileged_entries(
        session, f, exact=sorted(PRIVILEGED_ACTIONS), prefixes=PRIVILEGED_PREFIXES, limit=privileged_limit + 1
    )
    return SummaryOut(
        tenant_id=f.tenant_id,
        period_start=f.since,
        period_end=f.until,
        total=sum(c for _, c in by_action),
        by_action=[CountOut(key=k, count=c) for k, c in by_action],
        by_actor=[CountOut(key=k, count=c) for k, c in by_actor],
        by_outcome=[CountOut(key=k, count=c) for k, c in by_outcome],
        privileged_actions=[
            PrivilegedOut(
                id=e.event_id,
                seq=e.seq,
                occurred_at=e.occurred_at,
                action=e.action,
                actor_id=e.actor_id,
                actor_name=e.actor_name,
                impersonator=e.impersonator,
                resource_type=e.resource_type,
                resource_id=e.resource_id,
                outcome=e.outcome,
            )
            for e in privileged[:privileged_limit]
        ],
        privileged_truncated=len(privileged) > privileged_limit,
    )


# --- verification -----------------------------------------------------------------------------------


async def verify_chain(
    session: AsyncSession,
    tenant_id: str,
    verifier: CheckpointVerifier,
    *,
    exported: Sequence[SignedCheckpoint] | None = None,
) -> VerificationOut:
    """Walk the tenant's whole log to its last entry, then judge the chain head and every signed
    checkpoint against it (and, from the CLI, the checkpoints a SIEM received: `exported`).

    The head is compared, never trusted: the walk reads entries until there are no more. All of it
    is read in one snapshot, so entries committed meanwhile never look like a disagreeing head.
    """
    await repo.read_one_snapshot(session)
    head = await repo.chain_head(session, tenant_id)
    checkpoints = [SignedCheckpoint.of(c) for c in await repo.checkpoints_for(session, tenant_id)]
    mine = [c for c in exported or () if c.tenant_id == tenant_id]
    walk = ChainWalk(hashes_at=checkpoint_seqs(checkpoints, mine))
    after = 0
    while True:
        page = await repo.chain_page(session, tenant_id, after_seq=after, limit=VERIFY_PAGE)
        walk.feed(page)
        if len(page) < VERIFY_PAGE:
            break
        after = page[-1]["seq"]
    return judge(tenant_id, walk, head, checkpoints, verifier, exported=mine if exported is not None else None)


async def write_checkpoints(session: AsyncSession, key: CheckpointKey, *, limit: int = 1000) -> int:
    """Sign the current head of every tenant whose chain moved since its last checkpoint.

    One writer at a time (a transaction lock): checkpoint ids then commit in increasing order, which
    is what lets each SIEM exporter keep a plain "exported up to id N" cursor.
    """
    await repo.lock_checkpoint_writers(session)
    now = datetime.now(UTC)
    heads = await repo.heads_without_checkpoint(session, limit)
    rows = [
        {
            "tenant_id": tenant,
            "seq": seq,
            "hash": hash_,
            "signed_at": now,
            "key_id": key.key_id,
            "signature": sign_checkpoint(
                key.private_key, tenant_id=tenant, seq=seq, hash_=hash_, signed_at=now, key_id=key.key_id
            ),
        }
        for tenant, seq, hash_ in heads
    ]
    await repo.add_checkpoints(session, rows)
    return len(rows)


# --- checkpoint export to SIEM sinks ----------------------------------------------------------------


@dataclass(frozen=True)
class CheckpointBatch:
    """The next checkpoints one sink has not received, and the cursor to move once it took them."""

    last_id: int
    checkpoints: list[SignedCheckpoint]


async def start_checkpoint_export(session: AsyncSession, sink: str, *, from_latest: bool = False) -> None:
    await repo.ensure_siem_cursor(session, sink, from_latest=from_latest)


async def checkpoints_to_export(session: AsyncSession, sink: str, *, limit: int) -> CheckpointBatch | None:
    """The sink's next checkpoints, in the order they were written; its cursor stays locked until
    the transaction ends. None when there are none, or while another replica exports to that sink."""
    cursor = await repo.claim_siem_cursor(session, sink)
    if cursor is None:
        return None
    rows = await repo.checkpoints_after(session, cursor, limit=limit)
    if not rows:
        return None
    return CheckpointBatch(rows[-1].id, [SignedCheckpoint.of(r) for r in rows])


async def checkpoints_exported(session: AsyncSession, sink: str, batch: CheckpointBatch) -> None:
    await repo.move_siem_cursor(session, sink, batch.last_id)


async def checkpoint_export_lag(session: AsyncSession, sink: str) -> int:
    return await repo.checkpoints_not_exported(session, sink)
