"""SIEM streaming against real receivers: a private rsyslog (RFC 5424, octet-counted TCP) and a TLS
(RFC 5425) listener. The forwarder runs in-process with its own consumer group, and the checkpoint
exporter with its own cursor, as the service runs them."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
import signal
import socket
import ssl
import subprocess
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from radiant_audit.chain import SignedCheckpoint
from radiant_audit.config import SiemSinkConfig
from radiant_audit.siem.checkpoint_export import CheckpointExporter
from radiant_audit.siem.formats import CHECKPOINT_TYPE, parse_exported_checkpoints
from radiant_audit.siem.forwarder import SinkForwarder
from radiant_audit.siem.sinks import SyslogSink
from radiant_testing import bearer, eventually, kafka_security

ROOT = Path(__file__).resolve().parents[4]
WORK = ROOT / ".local" / "rsyslog-test"
TEMPLATE = "%protocol-version%|%syslogfacility%|%syslogseverity%|%app-name%|%msgid%|%structured-data%|%msg%\\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_rsyslogd() -> str:
    path = shutil.which("rsyslogd") or ("/usr/sbin/rsyslogd" if Path("/usr/sbin/rsyslogd").exists() else None)
    if path is None:  # a fresh Debian machine: install the receiver (tests run as root there)
        subprocess.run(["apt-get", "install", "-y", "rsyslog"], check=True, capture_output=True)
        path = shutil.which("rsyslogd") or "/usr/sbin/rsyslogd"
    return path


class Rsyslog:
    """A private rsyslogd: imtcp on a loopback port, every message written to one file."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = WORK / uuid.uuid4().hex[:12]
        self.dir.mkdir(parents=True)
        self.output = self.dir / "received.log"
        self.conf = self.dir / "rsyslog.conf"
        self.pidfile = self.dir / "rsyslogd.pid"
        self.conf.write_text(
            f'global(workDirectory="{self.dir}" maxMessageSize="64k")\n'
            'module(load="imtcp")\n'
            f'template(name="radiant" type="string" string="{TEMPLATE}")\n'
            f'ruleset(name="r") {{ action(type="omfile" file="{self.output}" template="radiant") }}\n'
            f'input(type="imtcp" port="{port}" address="127.0.0.1" ruleset="r")\n'
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.dir / "rsyslogd.err", "ab") as errors:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [ensure_rsyslogd(), "-n", "-f", str(self.conf), "-i", str(self.pidfile)],
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # listening?
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"rsyslogd did not listen on {self.port}: {(self.dir / 'rsyslogd.err').read_text()}")

    def stop(self) -> None:
        """Graceful stop (SIGTERM), as a restart by an operator or a package upgrade does."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=15)
        self.proc = None

    def lines(self) -> list[list[str]]:
        if not self.output.exists():
            return []
        return [line.split("|", 6) for line in self.output.read_text(encoding="utf-8").splitlines() if line]

    def event_ids(self, tenant: str) -> list[str]:
        ids = []
        for fields in self.lines():
            body = json.loads(fields[6].lstrip("\ufeff"))
            if body["tenantid"] == tenant and body.get("type") != CHECKPOINT_TYPE:
                ids.append(body["id"])
        return ids

    def checkpoints(self, tenant: str) -> list[SignedCheckpoint]:
        if not self.output.exists():
            return []
        with self.output.open(encoding="utf-8") as lines:
            return [c for c in parse_exported_checkpoints(lines) if c.tenant_id == tenant]


@pytest.fixture
def rsyslog() -> AsyncIterator[Rsyslog]:
    receiver = Rsyslog(free_port())
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()
        shutil.rmtree(receiver.dir, ignore_errors=True)


class RunningForwarder:
    def __init__(self, forwarder: SinkForwarder) -> None:
        self.forwarder = forwarder
        self.task = asyncio.create_task(forwarder.run())

    async def stop(self) -> None:
        self.forwarder.stop()
        await asyncio.wait_for(self.task, timeout=20)


@pytest.fixture
async def start_forwarder(platform):
    running: list[RunningForwarder] = []

    async def _start(**sink) -> SinkForwarder:
        config = SiemSinkConfig(name=f"t{uuid.uuid4().hex[:8]}", type="syslog", **sink)
        forwarder = SinkForwarder(
            SyslogSink(config),
            bootstrap_servers=platform.kafka,
            security=kafka_security(platform),  # its own group, outside audit's: as the Kafka admin
            group_id=f"test-audit-siem-{uuid.uuid4()}",
            start_from="latest",
            confirm_delay_ms=config.confirm_delay_ms,
            max_backoff_s=1.0,
        )
        running.append(RunningForwarder(forwarder))
        await asyncio.wait_for(forwarder.ready.wait(), timeout=30)
        return forwarder

    yield _start
    for r in running:
        await r.stop()


async def test_rsyslog_receives_every_event_as_rfc5424(rsyslog, start_forwarder, publish, audit_event, tenant):
    await start_forwarder(host="127.0.0.1", port=rsyslog.port, format="json")
    events = [
        audit_event(tenant, action=a, outcome=o)
        for a, o in [("invitation.create", "success"), ("auth.login_failed", "failure")] * 10
    ]
    await publish(*events)
    await eventually(lambda: set(rsyslog.event_ids(tenant)) == {e.id for e in events}, what="all events at rsyslog")
    mine = {
        json.loads(f[6].lstrip("\ufeff"))["id"]: f
        for f in rsyslog.lines()
        if json.loads(f[6].lstrip("\ufeff"))["tenantid"] == tenant
    }
    for event in events:
        version, facility, severity, app, msgid, sd, body = mine[event.id]
        # rsyslog parsed each octet-counted frame as an RFC 5424 message with our header fields
        assert (version, facility, app, msgid) == ("1", "13", "radiant-audit", event.data.action)
        assert severity == ("6" if event.data.outcome == "success" else "4")
        assert f'tenantId="{tenant}"' in sd and f'eventId="{event.id}"' in sd
        assert json.loads(body.lstrip("\ufeff")) == json.loads(event.to_bytes())


async def test_nothing_is_lost_across_a_receiver_restart(rsyslog, start_forwarder, publish, audit_event, tenant):
    forwarder = await start_forwarder(host="127.0.0.1", port=rsyslog.port, confirm_delay_ms=100)
    events = [audit_event(tenant, action="agent.start") for _ in range(400)]

    async def produce_steadily() -> None:  # a stream, so the restart lands while events are in flight
        for i in range(0, len(events), 10):
            await publish(*events[i : i + 10])
            await asyncio.sleep(0.02)

    producer = asyncio.create_task(produce_steadily())
    await eventually(lambda: len(set(rsyslog.event_ids(tenant))) >= 100, what="first events at rsyslog")
    rsyslog.stop()  # mid-stream
    await eventually(lambda: forwarder.status.state == "down", what="sink reported down")
    rsyslog.start()
    await producer
    expected = {e.id for e in events}
    await eventually(lambda: set(rsyslog.event_ids(tenant)) == expected, timeout=60, what="every event after restart")
    assert forwarder.status.failures >= 1
    assert len(rsyslog.event_ids(tenant)) >= len(events)  # at-least-once: resent ones may appear twice
    await eventually(lambda: forwarder.status.state == "up", what="sink back up")


async def test_a_down_sink_does_not_stop_the_others_and_catches_up_later(
    rsyslog, start_forwarder, publish, audit_event, tenant
):
    down_port = free_port()  # nothing listens here yet
    healthy = await start_forwarder(host="127.0.0.1", port=rsyslog.port)
    down = await start_forwarder(host="127.0.0.1", port=down_port)
    events = [audit_event(tenant, action="agent.create") for _ in range(30)]
    await publish(*events)
    await eventually(lambda: set(rsyslog.event_ids(tenant)) == {e.id for e in events}, what="healthy sink delivered")
    await eventually(lambda: down.status.failures >= 1, what="down sink failing")
    assert down.status.delivered == 0
    assert down.status.state == "down" and "cannot connect" in (down.status.last_error or "")
    await eventually(lambda: healthy.status.state == "up", what="healthy sink confirmed")
    await eventually(lambda: (down.status.lag_records or 0) >= 30, what="down sink lag visible")
    status = down.describe()
    assert status["state"] == "down" and status["lagRecords"] >= 30 and status["delivered"] == 0

    late = Rsyslog(down_port)  # the SIEM comes back: everything it missed arrives
    late.start()
    try:
        await eventually(
            lambda: set(late.event_ids(tenant)) == {e.id for e in events}, timeout=60, what="down sink caught up"
        )
    finally:
        late.stop()
        shutil.rmtree(late.dir, ignore_errors=True)


# --- TLS (RFC 5425) ---------------------------------------------------------------------------------------


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


async def test_tls_sink_sends_octet_counted_cef_frames(tmp_path, start_forwarder, publish, audit_event, tenant):
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    received = bytearray()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while chunk := await reader.read(65536):
            received.extend(chunk)
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    try:
        await start_forwarder(
            host="127.0.0.1", port=port, tls=True, ca_file=cert, tls_server_name="localhost", format="cef"
        )
        events = [
            audit_event(tenant, action="tenant.impersonate", details={"why": "support=ticket 42"}) for _ in range(5)
        ]
        await publish(*events)

        def frames() -> list[str]:
            out, data = [], bytes(received)
            while data:  # strict RFC 6587 octet counting: "<len> <msg>" back to back
                length, _, rest = data.partition(b" ")
                n = int(length)
                out.append(rest[:n].decode("utf-8"))
                data = rest[n:]
            return out

        await eventually(lambda: sum(tenant in f for f in frames()) >= 5, what="frames over TLS")
    finally:
        server.close()
    mine = [f for f in frames() if tenant in f]
    assert {e.id for e in events} <= {
        part.split("=", 1)[1] for f in mine for part in f.split(" ") if part.startswith("externalId=")
    }
    for frame in mine:
        assert frame.startswith("<110>1 ") and "\ufeffCEF:0|Radiant|Radiant Audit|2.0|tenant.impersonate|" in frame
        assert "support\\=ticket 42" in frame


# --- signed checkpoints exported to the SIEM (issue 12 #8) ------------------------------------------------


@pytest.fixture
async def start_checkpoint_exporter(platform):
    from radiant_audit.config import Settings
    from radiant_platform.db import create_engine, create_sessionmaker

    engine = create_engine(Settings())  # the runtime login, as the service exports
    running: list[tuple[CheckpointExporter, asyncio.Task[None]]] = []

    async def _start(**sink) -> CheckpointExporter:
        config = SiemSinkConfig(name=f"t{uuid.uuid4().hex[:8]}", type="syslog", **sink)
        exporter = CheckpointExporter(
            SyslogSink(config),
            create_sessionmaker(engine),
            start_from="latest",  # the shared database holds every earlier test's checkpoints
            poll_seconds=0.2,
            confirm_delay_ms=config.confirm_delay_ms,
            max_backoff_s=1.0,
        )
        running.append((exporter, asyncio.create_task(exporter.run())))
        await asyncio.wait_for(exporter.ready.wait(), timeout=30)
        return exporter

    yield _start
    for exporter, task in running:
        exporter.stop()
        await asyncio.wait_for(task, timeout=20)
    await engine.dispose()


def _cli_verify(tenant: str, *extra: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    return subprocess.run(
        [sys.executable, "-m", "radiant_audit", "verify", "--tenant", tenant, *extra],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )


async def _stored_checkpoints(admin_db, tenant: str) -> list[SignedCheckpoint]:
    rows = await admin_db.fetch(
        "SELECT tenant_id, seq, hash, signed_at, key_id, signature FROM audit.checkpoints WHERE tenant_id = $1", tenant
    )
    return [SignedCheckpoint(**dict(r)) for r in rows]


async def _rewrite_history_as_a_superuser(admin_db, tenant: str) -> None:
    """Entry 2 changed and every later entry re-hashed, the head moved to match, and the tenant's
    checkpoints deleted: a rewrite the database alone can no longer show."""
    from radiant_audit.chain import entry_hash

    async with admin_db.transaction():
        await admin_db.execute("SET LOCAL session_replication_role = replica")  # triggers off
        rows = [
            dict(r)
            for r in await admin_db.fetch("SELECT * FROM audit.audit_log WHERE tenant_id = $1 ORDER BY seq", tenant)
        ]
        prev = rows[0]["hash"]
        for row in rows[1:]:
            for column in ("details", "extra", "impersonator"):
                row[column] = json.loads(row[column]) if row[column] is not None else None
            if row["seq"] == 2:
                row["action"] = "invitation.revoke"
            row["prev_hash"] = prev
            row["hash"] = prev = entry_hash(row)
            await admin_db.execute(
                "UPDATE audit.audit_log SET action = $3, prev_hash = $4, hash = $5 WHERE tenant_id = $1 AND seq = $2",
                tenant,
                row["seq"],
                row["action"],
                row["prev_hash"],
                row["hash"],
            )
        await admin_db.execute("UPDATE audit.chain_heads SET last_hash = $2 WHERE tenant_id = $1", tenant, prev)
        await admin_db.execute("DELETE FROM audit.checkpoints WHERE tenant_id = $1", tenant)


async def test_each_signed_checkpoint_reaches_the_siem_once_and_exposes_a_rewritten_history(
    rsyslog,
    start_checkpoint_exporter,
    sign_chain_heads,
    publish,
    audit_event,
    wait_for_entries,
    gateway,
    admin_db,
    tmp_path,
    tenant,
    auditor_token,
):
    exporter = await start_checkpoint_exporter(host="127.0.0.1", port=rsyslog.port)
    await publish(*[audit_event(tenant, action=a) for a in ("invitation.create", "invitation.accept", "user.remove")])
    await wait_for_entries(auditor_token, 3)
    await sign_chain_heads()
    [first] = await eventually(lambda: rsyslog.checkpoints(tenant), what="the checkpoint at the SIEM")
    assert first.seq == 3
    key = (await gateway.get("/api/v2/admin/audit/public-key", headers=bearer(auditor_token))).json()
    from radiant_audit.keys import CheckpointVerifier

    assert first.key_id == key["keyId"]
    assert first.signature_valid(CheckpointVerifier.from_pem(key["publicKeyPem"].encode()).public_key)
    [line] = [f for f in rsyslog.lines() if f'tenantId="{tenant}"' in f[5]]
    version, facility, severity, app, msgid, sd, _ = line
    assert (version, facility, severity, app, msgid) == ("1", "13", "5", "radiant-audit", "audit.checkpoint")
    assert 'seq="3"' in sd and f'keyId="{first.key_id}"' in sd

    # A later checkpoint goes out too, and each stored checkpoint reaches the sink exactly once.
    await publish(audit_event(tenant, action="agent.start"), audit_event(tenant, action="agent.stop"))
    await wait_for_entries(auditor_token, 5)
    await sign_chain_heads()
    stored = await _stored_checkpoints(admin_db, tenant)
    assert {c.seq for c in stored} >= {3, 5}
    await eventually(lambda: len(rsyslog.checkpoints(tenant)) >= len(stored), what="every checkpoint at the SIEM")
    await eventually(lambda: exporter.status.lag_checkpoints == 0 or exporter.status.exported >= 2, what="exported")
    assert sorted(rsyslog.checkpoints(tenant), key=str) == sorted(stored, key=str)
    assert exporter.status.state == "up"

    siem_copy = tmp_path / "siem-copy.log"
    siem_copy.write_bytes(rsyslog.output.read_bytes())  # what the SOC keeps
    public_key = tmp_path / "audit-public-key.pem"
    public_key.write_text(key["publicKeyPem"])
    before = _cli_verify(tenant, "--against-checkpoints", str(siem_copy), "--public-key", str(public_key))
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["exportedCheckpointsChecked"] == len(stored)

    await _rewrite_history_as_a_superuser(admin_db, tenant)
    # The database alone no longer shows it: every link holds, the head matches, no checkpoint is left
    # (unless the service's own job signed the rewritten head meanwhile, which holds as well).
    inside = (await gateway.get("/api/v2/admin/audit/verify", headers=bearer(auditor_token))).json()
    assert inside["valid"] is True and inside["entriesChecked"] == 5
    # The SIEM's copy does.
    after = _cli_verify(tenant, "--against-checkpoints", str(siem_copy), "--public-key", str(public_key))
    assert after.returncode == 1
    result = json.loads(after.stdout)
    assert result["valid"] is False
    kinds = {p["kind"] for p in result["problems"]}
    assert {"exported_checkpoint_mismatch", "exported_checkpoint_not_in_database"} <= kinds
    assert result["firstBrokenLink"]["seq"] == 3 and "rewritten" in result["firstBrokenLink"]["reason"]
    assert "BROKEN at entry 3" in after.stderr
    # Verifying against a file without this tenant's checkpoints is refused, not passed.
    empty = tmp_path / "other.log"
    empty.write_text("nothing here\n")
    assert _cli_verify(tenant, "--against-checkpoints", str(empty)).returncode == 2


async def test_checkpoints_signed_while_the_siem_was_down_arrive_when_it_is_back(
    start_checkpoint_exporter, sign_chain_heads, publish, audit_event, wait_for_entries, tenant, auditor_token
):
    port = free_port()  # nothing listens here yet
    exporter = await start_checkpoint_exporter(host="127.0.0.1", port=port)
    await publish(audit_event(tenant), audit_event(tenant, action="invitation.accept"))
    await wait_for_entries(auditor_token, 2)
    await sign_chain_heads()
    await eventually(lambda: exporter.status.failures >= 1, what="export failing")
    assert exporter.status.state == "down" and "cannot connect" in (exporter.status.last_error or "")
    await eventually(lambda: (exporter.status.lag_checkpoints or 0) >= 1, what="checkpoint lag visible")

    late = Rsyslog(port)
    late.start()
    try:
        [cp] = await eventually(lambda: late.checkpoints(tenant), timeout=60, what="checkpoint after the SIEM is back")
        assert cp.seq == 2
        await eventually(lambda: exporter.status.state == "up", what="export up again")
    finally:
        late.stop()
        shutil.rmtree(late.dir, ignore_errors=True)
