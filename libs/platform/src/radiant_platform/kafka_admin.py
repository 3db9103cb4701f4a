"""Kafka admin requests aiokafka's admin client does not offer: SCRAM credentials and ACLs.

aiokafka ships the wire structures for ACLs but no admin methods for them, and nothing for SCRAM
credentials (KIP-554). Provisioning needs both to give every principal its password and its rights,
so the few requests are declared here on aiokafka's protocol types and sent through the admin
client's own authenticated connection:

- `AlterUserScramCredentials` v0 (API 51): the client salts and hashes the password (PBKDF2, as
  Kafka's `ScramFormatter` does), so the password itself never crosses the wire.
- `DescribeAcls` / `CreateAcls` / `DeleteAcls` v1 (APIs 29-31): the oldest versions Kafka 4 still
  answers (KIP-896) and the first with pattern types (LITERAL, PREFIXED).

Used by `radiant_platform.provisioning`; nothing else should need it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import IncompatibleBrokerVersion, for_code
from aiokafka.protocol.admin import (
    CreateAclsRequest_v1,
    DeleteAclsRequest_v1,
    DescribeAclsRequest_v1,
)
from aiokafka.protocol.api import Request, RequestStruct, Response
from aiokafka.protocol.types import (
    CompactArray,
    CompactBytes,
    CompactString,
    Int8,
    Int16,
    Int32,
    Schema,
    TaggedFields,
)

from .provisioning import AclBinding

SCRAM_MECHANISMS = {"SCRAM-SHA-256": (1, "sha256"), "SCRAM-SHA-512": (2, "sha512")}
#: Kafka's minimum is 4096; more makes a stolen credential record costlier to attack, and the
#: client pays it once per connection.
SCRAM_ITERATIONS = 8192

# Kafka's ACL enums (org.apache.kafka.common.acl / resource).
RESOURCE_TYPES = {"ANY": 1, "TOPIC": 2, "GROUP": 3, "CLUSTER": 4, "TRANSACTIONAL_ID": 5}
PATTERN_TYPES = {"ANY": 1, "MATCH": 2, "LITERAL": 3, "PREFIXED": 4}
OPERATIONS = {
    "ANY": 1,
    "ALL": 2,
    "READ": 3,
    "WRITE": 4,
    "CREATE": 5,
    "DELETE": 6,
    "ALTER": 7,
    "DESCRIBE": 8,
    "CLUSTER_ACTION": 9,
    "DESCRIBE_CONFIGS": 10,
    "ALTER_CONFIGS": 11,
    "IDEMPOTENT_WRITE": 12,
}
PERMISSIONS = {"ANY": 1, "DENY": 2, "ALLOW": 3}


def _name_of(table: Mapping[str, int], code: int) -> str:
    return next((name for name, value in table.items() if value == code), str(code))


def _wire(binding: AclBinding) -> tuple[int, str, int, str, str, int, int]:
    return (
        RESOURCE_TYPES[binding.resource_type],
        binding.resource_name,
        PATTERN_TYPES[binding.pattern_type],
        binding.principal,
        binding.host,
        OPERATIONS[binding.operation],
        PERMISSIONS[binding.permission],
    )


# --- SCRAM credentials (KIP-554) ------------------------------------------------------------------


class AlterUserScramCredentialsResponse_v0(Response):  # type: ignore[misc]  # aiokafka is untyped
    API_KEY = 51
    API_VERSION = 0
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "results",
            CompactArray(
                ("user", CompactString("utf-8")),
                ("error_code", Int16),
                ("error_message", CompactString("utf-8")),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class AlterUserScramCredentialsRequest_v0(RequestStruct):  # type: ignore[misc]
    FLEXIBLE_VERSION = True
    API_KEY = 51
    API_VERSION = 0
    RESPONSE_TYPE = AlterUserScramCredentialsResponse_v0
    SCHEMA = Schema(
        (
            "deletions",
            CompactArray(("name", CompactString("utf-8")), ("mechanism", Int8), ("tags", TaggedFields)),
        ),
        (
            "upsertions",
            CompactArray(
                ("name", CompactString("utf-8")),
                ("mechanism", Int8),
                ("iterations", Int32),
                ("salt", CompactBytes),
                ("salted_password", CompactBytes),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class _Exactly(Request[Any]):  # type: ignore[misc]
    """A request sent as one prepared structure (the version is fixed by the structure)."""

    API_KEY = -1

    def __init__(self, struct: RequestStruct) -> None:
        self._struct = struct
        self.API_KEY = struct.API_KEY

    def prepare(self, versions: dict[int, tuple[int, int]]) -> Any:
        low, high = versions.get(self._struct.API_KEY, (0, -1))
        if not low <= self._struct.API_VERSION <= high:
            raise IncompatibleBrokerVersion(
                f"the broker does not answer API {self._struct.API_KEY} v{self._struct.API_VERSION} (has {low}-{high})"
            )
        return self._struct

    def build(self, request_struct_class: type[Any]) -> Any:  # pragma: no cover - prepare() is overridden
        return self._struct


def salted_password(password: str, salt: bytes, iterations: int, mechanism: str) -> bytes:
    """SCRAM's SaltedPassword (RFC 5802 `Hi()`), as the broker stores it."""
    _, digest = SCRAM_MECHANISMS[mechanism]
    return hashlib.pbkdf2_hmac(digest, password.encode(), salt, iterations)


async def upsert_scram_credentials(
    admin: AIOKafkaAdminClient,
    passwords: Mapping[str, str],
    *,
    mechanism: str = "SCRAM-SHA-512",
    iterations: int = SCRAM_ITERATIONS,
) -> None:
    """Create or replace each user's SCRAM credential (a fresh salt every time)."""
    if not passwords:
        return
    code, _ = SCRAM_MECHANISMS[mechanism]
    upsertions: list[tuple[str, int, int, bytes, bytes, dict[int, bytes]]] = []
    for user, password in sorted(passwords.items()):
        salt = secrets.token_bytes(32)
        upsertions.append((user, code, iterations, salt, salted_password(password, salt, iterations, mechanism), {}))
    response = await _send(admin, AlterUserScramCredentialsRequest_v0([], upsertions, {}))
    for user, error_code, message, _tags in response.results:
        _raise(error_code, f"setting the SCRAM credential of {user}: {message or ''}")


# --- ACLs -----------------------------------------------------------------------------------------


async def describe_acls(admin: AIOKafkaAdminClient, principal: str) -> set[AclBinding]:
    """Every ACL naming `principal` (`User:<name>`), on any resource and pattern."""
    request = DescribeAclsRequest_v1(
        RESOURCE_TYPES["ANY"], None, PATTERN_TYPES["ANY"], principal, None, OPERATIONS["ANY"], PERMISSIONS["ANY"]
    )
    response = await _send(admin, request)
    _raise(response.error_code, f"describing the ACLs of {principal}: {response.error_message or ''}")
    found = set()
    for resource_type, resource_name, pattern_type, acls in response.resources:
        for acl_principal, host, operation, permission in acls:
            found.add(
                AclBinding(
                    resource_type=_name_of(RESOURCE_TYPES, resource_type),
                    resource_name=resource_name,
                    pattern_type=_name_of(PATTERN_TYPES, pattern_type),
                    principal=acl_principal,
                    operation=_name_of(OPERATIONS, operation),
                    permission=_name_of(PERMISSIONS, permission),
                    host=host,
                )
            )
    return found


async def create_acls(admin: AIOKafkaAdminClient, entries: Iterable[AclBinding]) -> None:
    creations = [_wire(entry) for entry in sorted(entries)]
    if not creations:
        return
    response = await _send(admin, CreateAclsRequest_v1(creations))
    for (error_code, message), creation in zip(response.creation_responses, creations, strict=True):
        _raise(error_code, f"creating ACL {creation}: {message or ''}")


async def delete_acls(admin: AIOKafkaAdminClient, entries: Iterable[AclBinding]) -> None:
    """Delete exactly these bindings (each filter names one binding, nothing wider)."""
    filters = [_wire(entry) for entry in sorted(entries)]
    if not filters:
        return
    response = await _send(admin, DeleteAclsRequest_v1(filters))
    for error_code, message, _matching in response.filter_responses:
        _raise(error_code, f"deleting ACLs: {message or ''}")


# --- sending --------------------------------------------------------------------------------------


async def _send(admin: AIOKafkaAdminClient, struct: RequestStruct) -> Any:
    # Any broker takes these (KRaft brokers forward them to the controller). `_client` is private,
    # but it is the admin client's own authenticated connection: nothing else is opened.
    client = admin._client
    return await client.send(client.get_random_node(), _Exactly(struct))


def _raise(error_code: int, message: str) -> None:
    if error_code:
        raise for_code(error_code)(message)
