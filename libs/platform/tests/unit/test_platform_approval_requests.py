"""Filing an approval (radiant_platform.approval_requests): the owning service sends the typed change
and its caller's identity from the verified token, signed as itself; refusals become problems the
caller's client can act on."""

from __future__ import annotations

import json

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_contracts.approvals import BillingChange, TenantDeletion, UserRoleChange
from radiant_platform.approval_requests import INTERNAL_APPROVALS_PATH, ApprovalRequests
from radiant_platform.auth import Principal
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError
from radiant_platform.service_auth import ServiceSigner, ServiceVerifier

KEY = Ed25519PrivateKey.generate()
CHANGE = UserRoleChange(user_id="a-2", previous_role="operator", new_role="admin")
CTX = RequestContext(
    principal=Principal(
        subject="a-1", tenant_id="t-1", role="admin", environment="prod", amr=("pwd", "otp"), name="Ada", email="a@x.io"
    ),
    client=Client(ip="203.0.113.9", user_agent="console/2"),
    service="identity",
)


def _client(handler) -> ApprovalRequests:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return ApprovalRequests(http, "http://approval", ServiceSigner("identity", KEY))


async def _file(requests: ApprovalRequests, change=CHANGE):
    return await requests.file(CTX, change, action="change_role", resource_type="administrator", resource_id="a-2")


async def test_the_filing_carries_the_change_and_the_callers_identity_signed_as_the_service():
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json={"approval": {"id": "ap-1", "status": "pending", "type": "user_role_change"}})

    filed = await _file(_client(handler))
    assert (filed.id, filed.status, filed.type) == ("ap-1", "pending", "user_role_change")
    [request] = sent
    assert request.method == "POST" and request.url.path == INTERNAL_APPROVALS_PATH
    body = json.loads(request.content)
    assert body["tenantId"] == "t-1" and body["environment"] == "prod"
    assert body["requestedBy"] == {"id": "a-1", "role": "admin", "kind": "tenant", "name": "Ada", "email": "a@x.io"}
    assert body["client"] == {"ip": "203.0.113.9", "userAgent": "console/2"}
    assert body["type"] == "user_role_change" and body["details"] == CHANGE.model_dump(mode="json")
    verifier = ServiceVerifier("approval", {"identity": [KEY.public_key()]})
    token = request.headers["authorization"].removeprefix("Bearer ")
    assert verifier.verify(token, "POST", INTERNAL_APPROVALS_PATH).service == "identity"


async def test_an_operators_filing_names_the_operator_and_the_environment_the_change_is_about():
    """Operators' tokens name no environment (and are read as dev): a tenant deletion is about the
    tenant's environment, which the owning service names."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json={"approval": {"id": "ap-2", "status": "pending", "type": "tenant_deletion"}})

    operator = Principal(
        subject="op-1",
        tenant_id="platform",
        role="platform_admin",
        environment="dev",
        amr=("pwd", "otp"),
        kind="operator",
    )
    ctx = RequestContext(principal=operator, client=Client(ip=None, user_agent=None), service="identity")
    change = TenantDeletion(tenant_id="t-9", reason="contract ended")
    await _client(handler).file(
        ctx, change, action="delete_tenant", resource_type="tenant", resource_id="t-9", environment="prod"
    )
    body = json.loads(sent[0].content)
    assert body["tenantId"] == "platform" and body["environment"] == "prod"
    assert body["requestedBy"] | {"name": None, "email": None} == {
        "id": "op-1",
        "role": "platform_admin",
        "kind": "operator",
        "name": None,
        "email": None,
    }


async def test_a_service_files_only_the_types_it_owns():
    with pytest.raises(ValueError, match="does not own billing_change"):
        await _file(
            _client(lambda r: httpx.Response(201)), BillingChange.model_validate({"settings": {"auto_pay": True}})
        )


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (httpx.Response(403, json={"detail": "billing_change approvals are filed by billing alone"}), 502),
        (httpx.Response(401, json={"detail": "no token"}), 502),
        (httpx.Response(503, json={"detail": "down"}), 503),
        (httpx.Response(500, text="boom"), 502),
        (httpx.Response(422, json={"detail": "bad", "errors": [{"field": "details.x", "message": "m"}]}), 422),
    ],
)
async def test_refusals_become_problems_for_the_caller(answer: httpx.Response, status: int):
    with pytest.raises(ProblemError) as refused:
        await _file(_client(lambda r: answer))
    assert refused.value.status == status
    if status == 422:
        assert refused.value.extensions["errors"] == [{"field": "details.x", "message": "m"}]
    if status == 503:
        assert refused.value.headers["Retry-After"] == "5"


async def test_an_unreachable_approval_service_is_a_503_to_retry():
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(ProblemError) as refused:
        await _file(_client(down))
    assert refused.value.status == 503 and refused.value.headers["Retry-After"] == "5"
