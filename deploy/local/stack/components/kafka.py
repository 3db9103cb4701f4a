"""Apache Kafka 4.x, KRaft, from Maven Central jars (deploy/local/kafka/pom.xml): one node, or with
`KAFKA_BROKERS=3` a cluster of three on loopback (static voters; node i on KAFKA_PORT + 10 (i - 1),
its data in kafka/cluster-3/node-i, its log kafka-i.log), every topic replicated on three with
min.insync.replicas=2. The component named `kafka` is node 1 and starts, checks and stops the others
(`KafkaNode`s); a node killed alone is started again by the next `ensure_running`.

With `KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT` (.env.defaults) every client authenticates with
SCRAM-SHA-512 and the StandardAuthorizer refuses what no ACL allows. The admin (the super user that
provisions) is created with the storage (`StorageTool format --add-scram`); a storage formatted
without it (a stack from before SASL, or an admin password that changed) gets it once through a
temporary loopback PLAINTEXT listener whose anonymous user is the only other super user, which is
then closed again (`_bootstrap_admin`). Every other principal and its ACLs come from
`radiant_platform.provisioning` (`provision`).
"""

from __future__ import annotations

import asyncio
import base64
import glob
import hashlib
import hmac
import secrets
import shutil
import socket
import string
import struct
import uuid
from pathlib import Path

from ..config import KAFKA_ADMIN_USER, KAFKA_CONTROLLER_USER, LOCAL_DIR, Settings
from ..processes import StackError, log, port_open, run, wait_for
from .base import Component

KAFKA_CONF = LOCAL_DIR / "kafka"
SCRAM_MECHANISM = "SCRAM-SHA-512"
ADMIN_MARKER = ".radiant-admin"  # in the data folder: the digest of the admin password it was given


class Kafka(Component):
    name = "kafka"
    marker = "kafka.Kafka"
    node = 1

    @property
    def port(self) -> int:
        return self.s.kafka_node_ports(self.node)[0]

    @property
    def controller_port(self) -> int:
        return self.s.kafka_node_ports(self.node)[1]

    @property
    def clustered(self) -> bool:
        return self.s.kafka_brokers > 1

    @property
    def ports_label(self) -> str:
        label = f"{self.port} (controller {self.controller_port})"
        if self.clustered and self.node == 1:
            label += f" and {len(self.peers)} more nodes ({', '.join(str(p.port) for p in self.peers)})"
        return label

    @property
    def base(self) -> Path:
        return self.s.state / "kafka"

    @property
    def libs(self) -> Path:
        return self.base / "libs"

    @property
    def cluster_dir(self) -> Path:
        """A cluster's own folder: never the single node's data, so either may be started later."""
        return self.base / f"cluster-{self.s.kafka_brokers}"

    @property
    def data(self) -> Path:
        return self.cluster_dir / f"node-{self.node}" if self.clustered else self.base / "data"

    @property
    def props(self) -> Path:
        return (
            self.cluster_dir / f"server-{self.node}.properties" if self.clustered else self.base / "server.properties"
        )

    @property
    def peers(self) -> list[KafkaNode]:
        """The cluster's other nodes (none for a single node)."""
        if self.node != 1 or not self.clustered:
            return []
        return [KafkaNode(self.s, n) for n in range(2, self.s.kafka_brokers + 1)]

    def _quorum_line(self) -> str:
        if not self.clustered:
            return f"controller.quorum.bootstrap.servers={self.s.host}:{self.controller_port}"
        voters = (f"{n}@{self.s.host}:{self.s.kafka_node_ports(n)[1]}" for n in range(1, self.s.kafka_brokers + 1))
        return "controller.quorum.voters=" + ",".join(voters)

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

    @property
    def admin_credentials(self) -> tuple[str, str] | None:
        return (KAFKA_ADMIN_USER, self.s.kafka_password(KAFKA_ADMIN_USER)) if self.s.kafka_sasl else None

    def healthy(self) -> bool:
        if not port_open(self.s.host, self.port):
            return False
        if not all(p.healthy() for p in self.peers):  # node 1 stands for the cluster: all must answer
            return False
        return broker_has_controller(self.s.host, self.port, credentials=self.admin_credentials)

    def _render_props(self, *, bootstrap_port: int | None = None) -> None:
        """server.properties from the templates. `bootstrap_port` adds the temporary PLAINTEXT listener
        whose anonymous user may create the admin (`_bootstrap_admin`)."""
        values = {
            **self.s.cfg,
            "HOST": self.s.host,
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(self.controller_port),
            "KAFKA_NODE_ID": str(self.node),
            "KAFKA_QUORUM": self._quorum_line(),
            "KAFKA_REPLICATION_FACTOR": str(self.s.kafka_replication_factor),
            "KAFKA_MIN_INSYNC_REPLICAS": str(self.s.kafka_min_insync_replicas),
            "KAFKA_DATA_DIR": str(self.data),
            "KAFKA_SECURITY_PROTOCOL": self.s.kafka_protocol,
            "EXTRA_LISTENERS": "",
            "EXTRA_ADVERTISED_LISTENERS": "",
            "EXTRA_PROTOCOLS": "",
            "EXTRA_SUPER_USERS": "",
        }
        if bootstrap_port is not None:
            values |= {
                "EXTRA_LISTENERS": f",BOOTSTRAP://{self.s.host}:{bootstrap_port}",
                "EXTRA_ADVERTISED_LISTENERS": f",BOOTSTRAP://{self.s.host}:{bootstrap_port}",
                "EXTRA_PROTOCOLS": ",BOOTSTRAP:PLAINTEXT",
                "EXTRA_SUPER_USERS": ";User:ANONYMOUS",
            }
        text = string.Template((KAFKA_CONF / "server.properties.tmpl").read_text()).substitute(values)
        if self.s.kafka_sasl:
            values |= {
                "KAFKA_ADMIN_USER": KAFKA_ADMIN_USER,
                "KAFKA_ADMIN_PASSWORD": self.s.kafka_password(KAFKA_ADMIN_USER),
                "KAFKA_CONTROLLER_USER": KAFKA_CONTROLLER_USER,
                "KAFKA_CONTROLLER_PASSWORD": self.s.kafka_password(KAFKA_CONTROLLER_USER),
            }
            text += string.Template((KAFKA_CONF / "security.properties.tmpl").read_text()).substitute(values)
        self.props.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.props.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.chmod(0o600)  # it holds the admin's and the controller's passwords
        tmp.replace(self.props)

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

    def _cluster_id(self) -> str:
        """A new id for a single node; a cluster's nodes share one, written once in its folder."""
        new = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not self.clustered:
            return new
        path = self.cluster_dir / "cluster-id"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new + "\n")
        return path.read_text().strip()

    def _format_storage(self) -> None:
        cluster_id = self._cluster_id()
        log(self.name, f"formatting storage (cluster id {cluster_id})")
        run(self.storage_format_command(cluster_id), "kafka storage format", log_path=self.log_path)
        if self.s.kafka_sasl:
            self._admin_marker.write_text(self._admin_digest + "\n")

    def storage_format_command(self, cluster_id: str) -> list[str]:
        # One node is a dynamic quorum of itself; a cluster's static voters are in its properties.
        quorum = [] if self.clustered else ["--standalone"]
        # `--cluster-id=…` in one argument: a random id starts with "-" one time in 64, and the tool's
        # argparse then took it for an option and refused to format ("expected one argument").
        args = ["format", *quorum, f"--cluster-id={cluster_id}", "-c", str(self.props)]
        if self.s.kafka_sasl:  # the admin exists from the first start; the password is not logged
            args += ["--add-scram", f"{SCRAM_MECHANISM}=[name={KAFKA_ADMIN_USER},password={self._admin_password}]"]
        return self._java("kafka.tools.StorageTool", *args)

    @property
    def _admin_password(self) -> str:
        return self.s.kafka_password(KAFKA_ADMIN_USER)

    @property
    def _admin_marker(self) -> Path:
        return self.data / ADMIN_MARKER

    @property
    def _admin_digest(self) -> str:
        return hashlib.sha256(self._admin_password.encode()).hexdigest()

    def _admin_is_current(self) -> bool:
        return self._admin_marker.is_file() and self._admin_marker.read_text().strip() == self._admin_digest

    def start(self) -> None:
        for peer in self.peers:  # a quorum needs a majority: the other nodes start alongside
            if peer.pid() is None:
                peer.start()
        if self.pid() is not None:  # node 1 is up; a peer was what was missing
            return
        self.data.mkdir(parents=True, exist_ok=True)
        if not (self.data / "meta.properties").exists():
            self._render_props()
            self._format_storage()
        elif self.s.kafka_sasl and not self._admin_is_current():
            if self.clustered:
                raise StackError(
                    f"{self.name}: the admin's password changed since {self.data} was formatted; "
                    f"remove {self.cluster_dir} to start the cluster afresh"
                )
            self._bootstrap_admin()
        self._render_props()
        self._spawn_broker()

    def _spawn_broker(self) -> None:
        log(self.name, f"starting on {self.s.host}:{self.port} ({self.s.kafka_protocol})")
        heap = tuple(self.s.cfg.get("KAFKA_HEAP_OPTS", "-Xms512m -Xmx1g").split())
        gc = ("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true")
        self.spawn(self._java("kafka.Kafka", str(self.props), jvm=(*heap, *gc)))

    def _bootstrap_admin(self) -> None:
        """Give a storage formatted without it (or with another password) its SCRAM admin: start
        once with a loopback PLAINTEXT listener whose anonymous user is a super user, set the admin's
        credential through it, stop. The normal start that follows has no such listener."""
        from radiant_platform.kafka_admin import upsert_scram_credentials
        from radiant_platform.provisioning import with_kafka_admin

        port = _free_port(self.s.host)
        log(self.name, f"creating the SCRAM admin through a temporary listener on {self.s.host}:{port}")
        self._render_props(bootstrap_port=port)
        self._spawn_broker()
        try:
            if not wait_for(lambda: broker_has_controller(self.s.host, port), 120):
                raise StackError(f"kafka: the temporary listener did not answer; see {self.log_path}")
            users = {KAFKA_ADMIN_USER: self._admin_password}
            asyncio.run(
                with_kafka_admin(
                    f"{self.s.host}:{port}", lambda admin: upsert_scram_credentials(admin, users), timeout_s=60
                )
            )
        finally:
            self.stop_pid(grace=45)
        self._admin_marker.write_text(self._admin_digest + "\n")
        log(self.name, "SCRAM admin created; the temporary listener is closed")

    def ensure_running(self, timeout: float = 90) -> None:
        if self.s.kafka_sasl and self.pid() is not None and broker_has_controller(self.s.host, self.port):
            raise StackError(
                "kafka: our broker is running without SASL but KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT; "
                "restart it with the new settings: make down && make up"
            )
        if self.clustered and self.pid() is not None and not self.healthy():
            # Node 1 runs, so its port is ours: a node of the cluster is down, start what is missing.
            log(self.name, "a node of the cluster is down; starting it")
            self.start()
            if not wait_for(self.healthy, timeout):
                raise StackError(f"kafka: the cluster did not become ready within {timeout:.0f}s; see {self.s.logs}")
            return
        super().ensure_running(timeout)

    def stop(self) -> None:
        for peer in self.peers:
            peer.stop()
        self.stop_pid(grace=45)  # controlled shutdown flushes logs and the metadata log

    def provision(self) -> None:
        """The registry's topics (created, grown, re-configured) and, with SASL, every principal's SCRAM
        user and exactly its ACLs, as the admin (radiant_platform.provisioning)."""
        from radiant_contracts.topics import all_topics
        from radiant_platform.provisioning import reconcile_kafka_at, reconcile_topics_at

        bootstrap = self.s.kafka_bootstrap
        replication = self.s.kafka_replication_factor
        try:
            if not self.s.kafka_sasl:
                changes = asyncio.run(reconcile_topics_at(bootstrap, replication_factor=replication, timeout_s=30))
                log(self.name, f"topics: {changes.summary()} ({', '.join(t.name for t in all_topics())})")
                return
            topics, principals = asyncio.run(
                reconcile_kafka_at(
                    bootstrap,
                    security=self._admin_security(),
                    replication_factor=replication,
                    timeout_s=60 if self.clustered else 30,
                    password_of=lambda p: self.s.kafka_password(p.name),
                )
            )
        except Exception as exc:
            raise StackError(f"kafka: provisioning failed: {exc!r}") from exc
        log(self.name, f"topics: {topics.summary()} ({', '.join(t.name for t in all_topics())})")
        log(self.name, f"principals: {principals.summary()}")

    def _admin_security(self):  # -> radiant_platform.kafka_security.KafkaSecurity
        from radiant_platform.kafka_security import KafkaSecurity

        return KafkaSecurity(self.s.kafka_protocol, SCRAM_MECHANISM, KAFKA_ADMIN_USER, self._admin_password)


class KafkaNode(Kafka):
    """Node 2, 3, … of a cluster: its own ports, data, properties, pid file and log (`kafka-<n>`)."""

    def __init__(self, s: Settings, node: int) -> None:
        super().__init__(s)
        self.node = node
        self.name = f"kafka-{node}"

    def healthy(self) -> bool:
        return port_open(self.s.host, self.port)


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


# --- a health probe with the standard library only (`status` runs without the venv) ---------------

METADATA_API_KEY = 3
METADATA_VERSION = 4  # the oldest version Kafka 4.x still answers


SASL_HANDSHAKE_API_KEY, SASL_HANDSHAKE_VERSION = 17, 1
SASL_AUTHENTICATE_API_KEY, SASL_AUTHENTICATE_VERSION = 36, 1
CLIENT_ID = b"radiant-stack"


class ProbeRefused(Exception):
    """The broker answered, but refused the probe's login."""


def broker_has_controller(
    host: str, port: int, timeout: float = 3.0, *, credentials: tuple[str, str] | None = None
) -> bool:
    """A Metadata request over the wire (after a SCRAM-SHA-512 login when `credentials` are given):
    the broker answers and knows the cluster's controller."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            if credentials is not None:
                _scram_login(sock, *credentials)
            sock.sendall(_request(METADATA_API_KEY, METADATA_VERSION, 1, struct.pack(">ib", 0, 0)))  # no topics
            response = _read_frame(sock)
    except (OSError, ProbeRefused, ValueError, struct.error):
        return False
    try:
        return _metadata_shows_controller(response, correlation_id=1)
    except struct.error:
        return False


def _request(api_key: int, version: int, correlation_id: int, body: bytes) -> bytes:
    header = struct.pack(">hhih", api_key, version, correlation_id, len(CLIENT_ID)) + CLIENT_ID
    return struct.pack(">i", len(header) + len(body)) + header + body


# --- SASL/SCRAM-SHA-512 with the standard library (RFC 5802, RFC 7677; Kafka's SaslHandshake v1 and
# SaslAuthenticate v1), so `status` can ask a SASL broker without the venv ---------------------------


def _scram_login(sock: socket.socket, user: str, password: str) -> None:
    mechanism = SCRAM_MECHANISM.encode()
    sock.sendall(
        _request(SASL_HANDSHAKE_API_KEY, SASL_HANDSHAKE_VERSION, 2, struct.pack(">h", len(mechanism)) + mechanism)
    )
    response = _read_frame(sock)
    (error,) = struct.unpack_from(">h", response, 4)
    if error:
        raise ProbeRefused(f"SaslHandshake error {error}")
    nonce = base64.b64encode(secrets.token_bytes(24)).decode()
    name = user.replace("=", "=3D").replace(",", "=2C")
    first_bare = f"n={name},r={nonce}"
    server_first = _authenticate(sock, 3, f"n,,{first_bare}".encode()).decode()
    fields = dict(part.split("=", 1) for part in server_first.split(","))
    if not fields["r"].startswith(nonce):
        raise ProbeRefused("the server's nonce does not extend ours")
    salted = hashlib.pbkdf2_hmac("sha512", password.encode(), base64.b64decode(fields["s"]), int(fields["i"]))
    client_key = hmac.digest(salted, b"Client Key", "sha512")
    final_bare = f"c=biws,r={fields['r']}"
    auth_message = f"{first_bare},{server_first},{final_bare}".encode()
    signature = hmac.digest(hashlib.sha512(client_key).digest(), auth_message, "sha512")
    proof = base64.b64encode(bytes(a ^ b for a, b in zip(client_key, signature, strict=True))).decode()
    server_final = _authenticate(sock, 4, f"{final_bare},p={proof}".encode()).decode()
    expected = hmac.digest(hmac.digest(salted, b"Server Key", "sha512"), auth_message, "sha512")
    if not hmac.compare_digest(server_final, "v=" + base64.b64encode(expected).decode()):
        raise ProbeRefused("the server's signature does not match")


def _authenticate(sock: socket.socket, correlation_id: int, auth_bytes: bytes) -> bytes:
    """SaslAuthenticate v1: correlation id, error code, error message, auth bytes, session lifetime."""
    body = struct.pack(">i", len(auth_bytes)) + auth_bytes
    sock.sendall(_request(SASL_AUTHENTICATE_API_KEY, SASL_AUTHENTICATE_VERSION, correlation_id, body))
    response = _read_frame(sock)
    (error,) = struct.unpack_from(">h", response, 4)
    if error:
        raise ProbeRefused(f"SaslAuthenticate error {error}")
    offset = _skip_string(response, 6)
    (length,) = struct.unpack_from(">i", response, offset)
    return response[offset + 4 : offset + 4 + length]


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
