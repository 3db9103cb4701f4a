"""SIEM streaming against real receivers: a private rsyslog (RFC 5424, octet-counted TCP) and a TLS
(RFC 5425) listener. The forwarder runs in-process with its own consumer group, as the service runs it."""

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

from radiant_audit.config import SiemSinkConfig
from radiant_audit.siem.forwarder import SinkForwarder
from radiant_audit.siem.sinks import SyslogSink
from radiant_testing import eventually

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
            if body["tenantid"] == tenant:
                ids.append(body["id"])
        return ids


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
