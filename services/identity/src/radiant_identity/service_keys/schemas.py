"""Request and response models of `/api/v2/admin/api-keys` (camelCase JSON)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, field_validator

from radiant_contracts.api import PRINTABLE_NAME, TRIMMED, ApiModel, InputModel, Pagination

#: The producer scopes (`radiant_contracts.permissions.SERVICE_SCOPES`); nothing else can be granted.
Scope = Literal["usage:write", "quota:read"]
# Bounded as sent, never blank, kept trimmed (strip_whitespace would strip before the documented bounds).
KeyName = Annotated[str, Field(max_length=100, pattern=PRINTABLE_NAME), TRIMMED]


class CreateServiceKey(InputModel):
    name: KeyName
    scopes: Annotated[list[Scope], Field(min_length=1, max_length=2, json_schema_extra={"uniqueItems": True})]
    expires_at: Annotated[AwareDatetime | None, Field(description="When the key stops working (default: never)")] = None

    @field_validator("scopes")
    @classmethod
    def _each_once(cls, scopes: list[Scope]) -> list[Scope]:
        if len(set(scopes)) != len(scopes):
            raise ValueError("each scope at most once")
        return scopes


class CreatorRef(ApiModel):
    id: str | None
    name: str | None


class ServiceKeyOut(ApiModel):
    id: str
    name: str
    #: The key's visible start (`rk_<env>_<id>_`): enough to recognise it, never the secret.
    prefix: str
    environment: str
    scopes: list[str]
    status: Literal["active", "revoked", "expired"]
    created_at: datetime
    created_by: CreatorRef
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ServiceKeyCreated(ApiModel):
    api_key: ServiceKeyOut
    #: The whole key, shown this once: only its hash is kept.
    secret: str
    message: str = "Store this key now: it cannot be shown again."


class ServiceKeyEnvelope(ApiModel):
    api_key: ServiceKeyOut


class ServiceKeyList(ApiModel):
    api_keys: list[ServiceKeyOut]
    pagination: Pagination
