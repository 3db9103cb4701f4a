"""The one schema of a tenant's own settings (`GET/PUT /api/v2/admin/settings`), camelCase on the wire.

`TenantSettings` is the stored document and the answer, with every default filled in.
`SettingsUpdate` is a PUT: only the sections and fields given change (a field left out keeps its
value; `null` clears only the fields that say they may be cleared). Every text, list and number is
bounded; the security policy's bounds are the approval payload's (`TenantSecurityPolicy`), so what
a prod approval carries is exactly what the direct path accepts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StrictBool, field_validator

from radiant_contracts.api import NOT_NULL, PRINTABLE_NAME, TRIMMED, ApiModel, InputModel, JsonInt
from radiant_contracts.approvals import MAX_ALLOW_LIST, Cidr, TenantSecurityPolicy, normalised_networks

Environment = Literal["dev", "staging", "prod"]
DisplayName = Annotated[str, Field(max_length=255, pattern=PRINTABLE_NAME), TRIMMED]
HexColor = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #RRGGBB")]
#: Printable ASCII without spaces, named by range: `\s` means different things to the document's
#: regex dialect and Python's.
HttpsUrl = Annotated[str, Field(max_length=2048, pattern=r"^https://[!-~]+$")]
#: A model id as the registry names them (metering bounds its labels to 255 printable characters).
ModelId = Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$")]
MAX_ALLOWED_MODELS = 100

#: How long a session may last at most (hours), and the default: identity's refresh lifetime (14 days).
SESSION_HOURS_MIN, SESSION_HOURS_MAX, SESSION_HOURS_DEFAULT = 1, 720, 336
#: The platform's bounds on what a tenant may ask to keep: raw usage detail (metering keeps 90 days
#: at most, `METERING_RAW_RETENTION_DAYS`) and in-app notifications.
USAGE_DETAIL_DAYS_MIN, USAGE_DETAIL_DAYS_MAX = 7, 90
NOTIFICATION_DAYS_MIN, NOTIFICATION_DAYS_MAX = 7, 365

SessionHours = Annotated[JsonInt, Field(ge=SESSION_HOURS_MIN, le=SESSION_HOURS_MAX)]
UsageDetailDays = Annotated[JsonInt, Field(ge=USAGE_DETAIL_DAYS_MIN, le=USAGE_DETAIL_DAYS_MAX)]
NotificationDays = Annotated[JsonInt, Field(ge=NOTIFICATION_DAYS_MIN, le=NOTIFICATION_DAYS_MAX)]


def _normalised_networks(cidrs: list[str] | None) -> list[str] | None:
    """The allow-list as the approval payload normalises it (one spelling per network, no repeats)."""
    return None if cidrs is None else normalised_networks(cidrs)


# --- the stored document / the answer -------------------------------------------------------------


class Branding(ApiModel):
    logo_url: str | None = None
    primary_color: str | None = None
    accent_color: str | None = None


class SecurityPolicy(ApiModel):
    #: A second factor for every administrator of the tenant, whatever its environment (prod always).
    mfa_required: bool = False
    #: A sign-in lasts at most this long; refreshing past it is refused (sign in again).
    session_lifetime_hours: int = SESSION_HOURS_DEFAULT
    #: The networks the tenant's administrators may call from (the gateway enforces it); empty: any.
    ip_allow_list: list[str] = Field(default_factory=list)


class AgentPolicy(ApiModel):
    #: The registry models the tenant's agents may use; empty: every active model of the registry.
    allowed_models: list[str] = Field(default_factory=list)


class DataRetention(ApiModel):
    usage_detail_days: int = USAGE_DETAIL_DAYS_MAX
    notification_days: int = 90


class TenantSettings(ApiModel):
    display_name: str | None = None
    branding: Branding = Field(default_factory=Branding)
    default_environment: Environment = "dev"
    security: SecurityPolicy = Field(default_factory=SecurityPolicy)
    agents: AgentPolicy = Field(default_factory=AgentPolicy)
    data_retention: DataRetention = Field(default_factory=DataRetention)


class SettingsOut(TenantSettings):
    tenant_id: str
    environment: Environment
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str | None = None


class PendingApproval(ApiModel):
    id: str
    status: str
    type: str = TenantSecurityPolicy.approval_type


class SettingsUpdated(ApiModel):
    settings: SettingsOut
    changed_keys: list[str]
    #: prod: the security policy changes asked for wait for another administrator's approval.
    pending_approval: PendingApproval | None = None
    pending_keys: list[str] = Field(default_factory=list)


# --- the update -----------------------------------------------------------------------------------


class BrandingUpdate(InputModel):
    logo_url: HttpsUrl | None = Field(None, description="null clears it")
    primary_color: HexColor | None = Field(None, description="null clears it")
    accent_color: HexColor | None = Field(None, description="null clears it")


class SecurityPolicyUpdate(InputModel):
    mfa_required: Annotated[StrictBool | None, NOT_NULL] = None
    session_lifetime_hours: Annotated[SessionHours | None, NOT_NULL] = None
    ip_allow_list: Annotated[list[Cidr] | None, Field(max_length=MAX_ALLOW_LIST), NOT_NULL] = Field(
        None, description="CIDR networks with their host bits zero; an empty list admits every address"
    )

    @field_validator("ip_allow_list")
    @classmethod
    def _networks(cls, cidrs: list[str] | None) -> list[str] | None:
        return _normalised_networks(cidrs)


class AgentPolicyUpdate(InputModel):
    allowed_models: Annotated[list[ModelId] | None, Field(max_length=MAX_ALLOWED_MODELS), NOT_NULL] = None

    @field_validator("allowed_models")
    @classmethod
    def _unique(cls, models: list[str] | None) -> list[str] | None:
        return None if models is None else list(dict.fromkeys(models))


class DataRetentionUpdate(InputModel):
    usage_detail_days: Annotated[UsageDetailDays | None, NOT_NULL] = None
    notification_days: Annotated[NotificationDays | None, NOT_NULL] = None


class SettingsUpdate(InputModel):
    """Only what is given changes. `displayName: null` clears it (the tenant's own name shows)."""

    display_name: DisplayName | None = None
    branding: Annotated[BrandingUpdate | None, NOT_NULL] = None
    default_environment: Annotated[Environment | None, NOT_NULL] = None
    security: Annotated[SecurityPolicyUpdate | None, NOT_NULL] = None
    agents: Annotated[AgentPolicyUpdate | None, NOT_NULL] = None
    data_retention: Annotated[DataRetentionUpdate | None, NOT_NULL] = None
