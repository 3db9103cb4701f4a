from fastapi import APIRouter, Request
from radiant_contracts.permissions import permissions_of
from radiant_platform.auth import CurrentPrincipal

router = APIRouter()


@router.get("/.well-known/jwks.json", tags=["auth"], summary="Public keys that verify access tokens")
async def jwks(request: Request) -> dict[str, list[dict[str, str]]]:
    return {"keys": [request.app.state.signing_key.public_jwk()]}


@router.get("/api/v2/me", tags=["auth"], summary="The caller's identity, tenant, role and permissions")
async def me(principal: CurrentPrincipal) -> dict[str, object]:
    return {
        "id": principal.subject,
        "tenantId": principal.tenant_id,
        "role": principal.role,
        "environment": principal.environment,
        "email": principal.email,
        "amr": list(principal.amr),
        "permissions": list(permissions_of(principal.role)),
    }
