"""Apache Kafka 4.x, single-node KRaft, from Maven Central jars (deploy/local/kafka/pom.xml)."""

from __future__ import annotations

import asyncio
import base64
import glob
import hashlib
import shutil
import socket
import string
import struct
import uuid
from pathlib import Path

from ..config import LOCAL_DIR
from ..processes import StackError, log, port_open, run
from .base import Component

KAFKA_CONF = LOCAL_DIR / "kafka"


class Kafka(Component):
    name = "kafka"
    marker = "kafka.Kafka"

    @property
    def port(self) -> int:
        return self.s.port("KAFKA_PORT")

    @property
    def ports_label(self) -> str:
        return f"{self.port} (controller {self.s.port('KAFKA_CONTROLLER_PORT')})"

    @property
    def base(self) -> Path:
        return self.s.state / "kafka"

    @property
    def libs(self) -> Path:
        return self.base / "libs"

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def props(self) -> Path:
        return self.base / "server.properties"

    @property
    def classpath(self) -> str:
        return str(self.libs / "*")

    @property
    def pom(self) -> Path:
        return KAFKA_CONF / "pom.xml"

    def _pom_digest(self) -> str:
        return hashlib.sha256(self.pom.read_bytes()).hexdigest()

    def installed(self) -> bool:
        # re-resolve when pom.xml changes (version bump, different binding)
        stamp = self.libs / ".pom.sha256"
        return (
            bool(glob.glob(str(self.libs / "kafka_2.13-*.jar")))
            and stamp.is_file()
            and stamp.read_text().strip() == self._pom_digest()
        )

    def install(self) -> None:
        for tool in ("java", "mvn"):
            if shutil.which(tool) is None:
                raise StackError(f"kafka: `{tool}` not on PATH (need Java 17+ and Maven)")
        tmp = self.base / "libs.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        self.base.mkdir(parents=True, exist_ok=True)
        run(
            [
                "mvn",
                "-q",
                "-B",
                "-f",
                str(self.pom),
                "dependency:copy-dependencies",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={tmp}",
            ],
            "mvn dependency:copy-dependencies",
            log_path=self.s.logs / "kafka-install.log",
        )
        (tmp / ".pom.sha256").write_text(self._pom_digest() + "\n")
        shutil.rmtree(self.libs, ignore_errors=True)
        tmp.rename(self.libs)

    def healthy(self) -> bool:
        return port_open(self.s.host, self.port) and broker_has_controller(self.s.host, self.port)

    def _render_props(self) -> None:
        tmpl = string.Template((KAFKA_CONF / "server.properties.tmpl").read_text())
        values = {**self.s.cfg, "HOST": self.s.host, "KAFKA_DATA_DIR": str(self.data)}
        self.props.write_text(tmpl.substitute(values))

    def _java(self, main: str, *args: str, jvm: tuple[str, ...] = ()) -> list[str]:
        return [
            "java",
            *jvm,
            f"-Dlog4j2.configurationFile={KAFKA_CONF / 'log4j2.yaml'}",
            f"-Dkafka.logs.dir={self.s.logs}",
            "-cp",
            self.classpath,
            main,
            *args,
        ]

    def _format_storage(self) -> None:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        log(self.name, f"formatting storage (cluster id {cluster_id})")
        run(
            self._java("kafka.tools.StorageTool", "format", "--standalone", "-t", cluster_id, "-c", str(self.props)),
            "kafka storage format",
            log_path=self.log_path,
        )

    def start(self) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        self._render_props()
        if not (self.data / "meta.properties").exists():
            self._format_storage()
        log(self.name, f"starting on {self.s.host}:{self.port}")
        heap = tuple(self.s.cfg.get("KAFKA_HEAP_OPTS", "-Xms512m -Xmx1g").split())
        gc = ("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true")
        self.spawn(self._java("kafka.Kafka", str(self.props), jvm=(*heap, *gc)))

    def stop(self) -> None:
        self.stop_pid(grace=45)  # controlled shutdown flushes logs and the metadata log

    def create_topics(self) -> None:
        """The registry's topics, created, grown and re-configured (radiant_platform.provisioning)."""
        from radiant_contracts.topics import all_topics
        from radiant_platform.provisioning import reconcile_topics_at

        try:
            changes = asyncio.run(reconcile_topics_at(f"{self.s.host}:{self.port}", timeout_s=30))
        except Exception as exc:
            raise StackError(f"kafka: creating topics failed: {exc!r}") from exc
        log(self.name, f"topics: {changes.summary()} ({', '.join(t.name for t in all_topics())})")


# --- a health probe with the standard library only (`status` runs without the venv) ---------------

METADATA_API_KEY = 3
METADATA_VERSION = 4  # the oldest version Kafka 4.x still answers


def broker_has_controller(host: str, port: int, timeout: float = 3.0) -> bool:
    """A Metadata request over the wire: the broker answers and knows the cluster's controller."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(_metadata_request(correlation_id=1))
            response = _read_frame(sock)
    except OSError:
        return False
    try:
        return _metadata_shows_controller(response, correlation_id=1)
    except struct.error:
        return False


def _metadata_request(correlation_id: int) -> bytes:
    client_id = b"radiant-stack"
    header = struct.pack(">hhih", METADATA_API_KEY, METADATA_VERSION, correlation_id, len(client_id)) + client_id
    body = struct.pack(">ib", 0, 0)  # no topics, no auto-creation
    return struct.pack(">i", len(header) + len(body)) + header + body


def _read_frame(sock: socket.socket) -> bytes:
    (size,) = struct.unpack(">i", _read_exactly(sock, 4))
    return _read_exactly(sock, size)


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    chunks, remaining = [], n
    while remaining:
        chunk = sock.recv(remaining)
        if not chunk:
            raise ConnectionError("connection closed mid-response")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _metadata_shows_controller(response: bytes, correlation_id: int) -> bool:
    """Metadata v4 response: correlation id, throttle, brokers[id, host, port, rack], cluster id, controller id."""
    got_id, _throttle, brokers = struct.unpack_from(">iii", response, 0)
    offset = 12
    for _ in range(brokers):
        offset += 4  # node id
        offset = _skip_string(response, offset)  # host
        offset += 4  # port
        offset = _skip_string(response, offset)  # rack (nullable)
    offset = _skip_string(response, offset)  # cluster id (nullable)
    (controller_id,) = struct.unpack_from(">i", response, offset)
    return got_id == correlation_id and brokers > 0 and controller_id >= 0


def _skip_string(data: bytes, offset: int) -> int:
    (length,) = struct.unpack_from(">h", data, offset)
    return offset + 2 + max(length, 0)
