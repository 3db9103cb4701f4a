"""Typed approval payloads: the exact `details` of each approval type (DESIGN.md §3.2, issues 10 and 12).

An approval's `details` is the change an approver reads and the owning service then executes, so each
type has one model here and `details` must be exactly one of them:

| approval type      | model              | owning service (requests and executes it) |
|--------------------|--------------------|-------------------------------------------|
| `user_role_change` | `UserRoleChange`   | identity                                  |
| `admin_invitation` | `AdminInvitation`  | identity                                  |
| `admin_status_change` | `AdminStatusChange` | identity                               |
| `tenant_security_policy` | `TenantSecurityPolicy` | identity                           |
| `agent_deployment` | `AgentDeployment`  | identity                                  |
| `billing_change`   | `BillingChange`    | billing                                   |
| `model_activation` | `ModelActivation`  | metering                                  |
| `provider_change`  | `ProviderChange`   | metering                                  |
| `tenant_deletion`  | `TenantDeletion`   | identity                                  |
| `deployment`       | `Deployment`       | an external deployer                      |
| `promotion`        | `Promotion`        | an external deployer                      |

Unlike event payloads, which tolerate unknown fields (`ContractModel`, `extra="allow"`), these models
**forbid** them (`extra="forbid"`): a field the executor does not read would be shown to the approver as
part of the change and silently not applied (or, worse, applied by a newer executor the approver never
saw). There is one snake_case spelling per field — `userId`, `newRole`, `modelId` … are refused with a
field error, not read as fallbacks. Every string and list is bounded, so a typed `details` is a few KB
at most (and never the > 1 MiB record that would stall an outbox).

Evolving a payload: add only optional fields, and deploy the approval service and the executor before
any requester sends the new field (they refuse it until then). A change of meaning is a new approval
type.

    from radiant_contracts.approvals import APPROVAL_PAYLOADS, UserRoleChange, parse_approval_details

    change = parse_approval_details(approved.approval_type, approved.details)  # ValidationError if not exact
    details = UserRoleChange(user_id=..., previous_role="operator", new_role="admin").model_dump(mode="json")

On the wire `details` stays a plain JSON object inside the approval events (`events.approval`); those
events keep `details: dict` so a malformed one still reaches its executor, which answers
`approval.execution_failed` with the field errors instead of the event ending in a dead-letter topic.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, Self, overload

from pydantic import (
    AliasChoices,
    AliasGenerator,
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    create_model,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.alias_generators import to_camel

from radiant_contracts.api import PRINTABLE_TEXT, IsoDateTime
from radiant_contracts.fields import Currency, Environment, NonNegativeMoney, Percent
from radiant_contracts.payload import ContractModel

ApprovalType = Literal[
    "deployment",
    "promotion",
    "model_activation",
    "provider_change",
    "user_role_change",
    "billing_change",
    "admin_invitation",
    "admin_status_change",
    "agent_deployment",
    "tenant_security_policy",
    "tenant_deletion",
]

#: The types platform operators file and decide, in the platform's own stream (tenant `platform`):
#: the model registry prices every tenant, and deleting a tenant is no tenant's own decision.
OPERATOR_APPROVAL_TYPES = frozenset({"model_activation", "provider_change", "tenant_deletion"})

# --- field types ---------------------------------------------------------------------------------

#: No C0/C1 control characters, DEL, or Unicode line/paragraph separators: these values end up in
#: notification titles, e-mail subjects and log lines that an approver reads.
PRINTABLE_PATTERN = r"^[^\x00-\x1F\x7F-\x9F\u2028\u2029]+$"

#: A reference to a platform object (administrator, model, provider, deployment): opaque, printable.
Ref = Annotated[StrictStr, Field(min_length=1, max_length=255, pattern=PRINTABLE_PATTERN)]
#: A note from one person to another, shown to the approver and mailed: line breaks and tabs allowed,
#: other control characters not.
Note = Annotated[StrictStr, Field(max_length=500, pattern=PRINTABLE_TEXT)]
#: A human-readable name shown to the approver.
Label = Annotated[StrictStr, Field(min_length=1, max_length=255, pattern=PRINTABLE_PATTERN)]
#: A release version (`2.4.0`, `2025.03.14-rc1`, `1.0.0+build.7`).
Version = Annotated[StrictStr, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
#: A git commit id, abbreviated (7+) or full (SHA-1 40, SHA-256 64), lower-case hex.
CommitSha = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{7,64}$")]
#: An e-mail address as shown to the approver (not used to find the account: `user_id` is).
Email = Annotated[
    StrictStr, Field(min_length=3, max_length=254, pattern=r"^[^@\s\x00-\x1F\x7F]+@[^@\s\x00-\x1F\x7F]+$")
]

#: An administrator role (the values of `permissions.AdminRole`; a test keeps the two equal).
Role = Literal["super_admin", "admin", "operator", "auditor", "member"]
ModelStatus = Literal["active", "inactive", "deprecated"]
MarginType = Literal["fixed", "tiered"]

#: A price per million tokens: exact, non-negative, at most 6 decimal places (metering's registry).
PricePerMillion = Annotated[
    NonNegativeMoney,
    Field(max_digits=18, decimal_places=6),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{1,12}(\.\d{1,6})?$",
            "description": "Exact non-negative price per million tokens, at most 6 decimal places",
        }
    ),
]
#: An amount of billing settings money (budget limit, tier bound): DECIMAL(12,2), non-negative.
SettingsMoney = Annotated[
    NonNegativeMoney,
    Field(max_digits=12, decimal_places=2),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{1,10}(\.\d{1,2})?$",
            "description": "Exact non-negative amount, at most 10 digits before and 2 after the point",
        }
    ),
]
#: A margin or tax rate as billing accepts it: 0-100 with at most 2 decimal places.
SettingsPercent = Annotated[
    Percent,
    Field(le=100),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$",
            "description": "Percentage 0-100 with at most 2 decimal places, serialised as a string",
        }
    ),
]
#: A budget alert threshold in percent of the budget limit (over 100 alerts on overspend).
ThresholdPercent = Annotated[StrictInt, Field(ge=1, le=1000)]


# --- base ----------------------------------------------------------------------------------------


#: The HTTP API is camelCase (the seed's dashboard sends `userId`), events are snake_case: a payload
#: accepts either spelling of each field (declared once here, not as fallbacks in an executor) and
#: always serialises snake_case.
_EITHER_SPELLING = AliasGenerator(validation_alias=lambda name: AliasChoices(name, to_camel(name)))


class ApprovalPayload(ContractModel):
    """Base of every approval's `details`: closed (unknown fields refused), immutable, snake_case."""

    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=_EITHER_SPELLING, validate_by_name=True)

    #: The approval type whose `details` this model is.
    approval_type: ClassVar[str]
    #: The service that alone requests this type and executes it; None: an external deployer does.
    owning_service: ClassVar[str | None]


class _Closed(ContractModel):
    """A nested object inside an approval payload: closed as well."""

    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=_EITHER_SPELLING, validate_by_name=True)


# --- identity ------------------------------------------------------------------------------------


class UserRoleChange(ApprovalPayload):
    """Give administrator `user_id` the role `new_role` (it had `previous_role` when requested).

    The executor refuses the change when the administrator's role is no longer `previous_role`, and
    re-checks the rules of the direct path (requester ≠ target, ranks of the target and of the new role).
    """

    approval_type: ClassVar[str] = "user_role_change"
    owning_service: ClassVar[str | None] = "identity"

    user_id: Ref
    #: The role when requested, for the approver's eyes; the executor re-reads the current one.
    previous_role: Role | None = None
    new_role: Role
    #: The administrator's e-mail when requested, for the approver's eyes only.
    email: Email | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if self.new_role == self.previous_role:
            raise ValueError("new_role is the administrator's current role: nothing to change")
        return self


class AdminInvitation(ApprovalPayload):
    """Invite `email` to administer the tenant as `role` — in prod, how `super_admin` and `admin` are
    granted to someone new (DESIGN.md §5: privileged grants go through approval).

    The executor issues the invitation with id `invitation_id` (a redelivered approval never invites
    twice), in the requester's name, after re-checking that the requester may still grant `role` and
    that `email` is not an administrator of the tenant yet.
    """

    approval_type: ClassVar[str] = "admin_invitation"
    owning_service: ClassVar[str | None] = "identity"

    invitation_id: Ref
    email: Email
    role: Role
    message: Note | None = None
    expires_in_hours: Annotated[StrictInt, Field(ge=1, le=168)] = 48


class AdminStatusChange(ApprovalPayload):
    """Suspend, remove or reactivate administrator `user_id` — in prod, removals and suspensions (and
    giving a privileged account back its access) go through approval.

    The executor re-checks the direct path's rules: the requester is not the target, outranks or
    equals the target, still holds the permission (`admin:*` to remove, `admin:write` otherwise), and
    the tenant keeps an active super_admin.
    """

    approval_type: ClassVar[str] = "admin_status_change"
    owning_service: ClassVar[str | None] = "identity"

    user_id: Ref
    action: Literal["suspend", "remove", "reactivate"]
    #: The administrator's role and e-mail when requested, for the approver's eyes only.
    role: Role | None = None
    email: Email | None = None


#: A network of an IP allow-list, in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`; a bare
#: address is one host). Host bits must be zero, so what the approver reads is what is enforced.
Cidr = Annotated[StrictStr, Field(min_length=2, max_length=49, pattern=r"^[0-9A-Fa-f.:]+(/[0-9]{1,3})?$")]
#: The most networks one tenant's allow-list may hold.
MAX_ALLOW_LIST = 50


def normalised_networks(cidrs: list[str]) -> list[str]:
    """Each network once, in its one spelling (`192.0.2.7` is `192.0.2.7/32`); ValueError for an
    entry that is no network in CIDR notation with its host bits zero."""
    normalised: list[str] = []
    for cidr in cidrs:
        try:
            network = str(ipaddress.ip_network(cidr, strict=True))
        except ValueError as exc:
            raise ValueError(f"{cidr!r} is not a network in CIDR notation with its host bits zero ({exc})") from None
        if network not in normalised:
            normalised.append(network)
    return normalised


class TenantSecurityPolicy(ApprovalPayload):
    """Change the tenant's security policy (identity's tenant settings, `security`): a second factor
    for every administrator, how long a session may live, and the networks its administrators may
    call from (enforced by the gateway). Absent fields stay as they are; an empty allow-list admits
    every address. In prod this change goes through approval; the executor re-checks that the
    requester still holds `settings:write`.
    """

    approval_type: ClassVar[str] = "tenant_security_policy"
    owning_service: ClassVar[str | None] = "identity"

    mfa_required: StrictBool | None = None
    session_lifetime_hours: Annotated[StrictInt, Field(ge=1, le=720)] | None = None
    ip_allow_list: Annotated[list[Cidr], Field(max_length=MAX_ALLOW_LIST)] | None = None

    @field_validator("ip_allow_list")
    @classmethod
    def _networks(cls, cidrs: list[str] | None) -> list[str] | None:
        return None if cidrs is None else normalised_networks(cidrs)

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if self.mfa_required is None and self.session_lifetime_hours is None and self.ip_allow_list is None:
            raise ValueError("name mfa_required, session_lifetime_hours or ip_allow_list to change")
        return self


class AgentDeployment(ApprovalPayload):
    """Start agent `agent_id` with configuration version `configuration_version` — in prod, a start
    whose configuration changed since the agent last ran goes through approval.

    The executor re-checks before starting: the agent still exists, its current configuration is
    still `configuration_version` (a later edit needs its own approval), and the requester is still
    active and holds `deployments:write`.
    """

    approval_type: ClassVar[str] = "agent_deployment"
    owning_service: ClassVar[str | None] = "identity"

    agent_id: Ref
    configuration_version: Annotated[StrictInt, Field(ge=1)]
    #: The agent's name and the version that last ran, for the approver's eyes only.
    agent_name: Label | None = None
    previous_version: Annotated[StrictInt, Field(ge=1)] | None = None


# --- billing -------------------------------------------------------------------------------------


class MarginTierChange(_Closed):
    """Spend up to `up_to` in the period is charged at `margin_percent`; the last tier has no bound."""

    up_to: SettingsMoney | None = None
    margin_percent: SettingsPercent


_CLEARABLE_SETTINGS = frozenset({"tax_id", "budget_limit", "tiers"})


def _settings_schema(schema: dict[str, Any]) -> None:
    """Only `tax_id`, `budget_limit` and `tiers` may be null; say so instead of pydantic's `anyOf null`."""
    for name, prop in schema.get("properties", {}).items():
        if name in _CLEARABLE_SETTINGS or "anyOf" not in prop:
            continue
        (kept,) = [branch for branch in prop.pop("anyOf") if branch.get("type") != "null"]
        prop.pop("default", None)
        prop.update(kept)
    schema["minProperties"] = 1


class BillingSettingsChange(_Closed):
    """The billing settings to change. Absent fields stay as they are; `null` clears `tax_id`,
    `budget_limit` (no budget) or `tiers`; the other fields cannot be null. Field names and bounds are
    billing's `SettingsUpdate`; serialising writes exactly the fields given, nothing else.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra=_settings_schema,
        alias_generator=_EITHER_SPELLING,
        validate_by_name=True,
    )

    margin_percent: SettingsPercent | None = None
    margin_type: MarginType | None = None
    tiers: Annotated[list[MarginTierChange], Field(max_length=20)] | None = None
    tax_enabled: StrictBool | None = None
    tax_percent: SettingsPercent | None = None
    tax_id: Annotated[StrictStr, Field(max_length=50, pattern=r"^[^\x00-\x1F\x7F-\x9F\u2028\u2029]*$")] | None = None
    currency: Currency | None = None
    billing_cycle_day: Annotated[StrictInt, Field(ge=1, le=28)] | None = None
    auto_pay: StrictBool | None = None
    budget_limit: SettingsMoney | None = None
    alert_thresholds: Annotated[list[ThresholdPercent], Field(min_length=1, max_length=10)] | None = None

    @field_validator(
        "margin_percent",
        "margin_type",
        "tax_enabled",
        "tax_percent",
        "currency",
        "billing_cycle_day",
        "auto_pay",
        "alert_thresholds",
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        """Runs only on values given (not on defaults): an explicit null here is refused."""
        if value is None:
            raise ValueError("cannot be null (leave the field out to keep the current value)")
        return value

    @field_validator("tiers")
    @classmethod
    def _tiers_rise(cls, tiers: list[MarginTierChange] | None) -> list[MarginTierChange] | None:
        bounds = [tier.up_to for tier in tiers or []]
        if any(bound is None for bound in bounds[:-1]):
            raise ValueError("only the last tier may be unbounded (up_to = null)")
        finite = [bound for bound in bounds if bound is not None]
        if finite != sorted(set(finite)):
            raise ValueError("tier up_to bounds must be strictly increasing")
        return tiers

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("name at least one setting to change")
        return self

    @model_serializer(mode="wrap")
    def _only_given(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        """Absent and null mean different things here, so the fields not given are not written."""
        data = handler(self)
        return {name: value for name, value in data.items() if name in self.model_fields_set}

    def changes(self) -> dict[str, Any]:
        """The settings given, JSON-ready (decimals as strings) — what billing applies."""
        dumped: dict[str, Any] = self.model_dump(mode="json")
        return dumped


#: A plan of billing's catalogue (`free`, `starter`, …).
PlanId = Annotated[StrictStr, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]


class PlanDowngrade(_Closed):
    """Move the tenant to the cheaper plan `to_plan` at the end of its current period (it was on
    `from_plan` when requested). Billing's executor re-checks that the tenant is still on `from_plan`
    and that its current usage fits every limit of `to_plan`, as `POST /admin/billing/downgrade` does."""

    change_id: Ref
    from_plan: PlanId
    to_plan: PlanId
    #: The date the new plan takes effect (the first day of the next period), for the approver's eyes.
    effective_on: date | None = None

    @model_validator(mode="after")
    def _moves(self) -> Self:
        if self.from_plan == self.to_plan:
            raise ValueError("to_plan is the current plan: nothing to change")
        return self


class BillingChange(ApprovalPayload):
    """Change the tenant's billing settings, or downgrade its plan (the tenant is the approval's, never
    named in details). Exactly one of `settings` and `plan_downgrade` is given."""

    approval_type: ClassVar[str] = "billing_change"
    owning_service: ClassVar[str | None] = "billing"

    settings: BillingSettingsChange | None = None
    #: Added with plans (issue 14): a production tenant's downgrade goes through approval.
    plan_downgrade: PlanDowngrade | None = None

    @model_validator(mode="after")
    def _one_change(self) -> Self:
        if (self.settings is None) == (self.plan_downgrade is None):
            raise ValueError("give exactly one of settings and plan_downgrade")
        return self

    @model_serializer(mode="wrap")
    def _only_the_change(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        """The approver reads the one change asked for, not a null for the other kind."""
        data = handler(self)
        return {name: value for name, value in data.items() if value is not None}


# --- metering ------------------------------------------------------------------------------------


class ModelActivation(ApprovalPayload):
    """Set the status of registry model `model_id`."""

    approval_type: ClassVar[str] = "model_activation"
    owning_service: ClassVar[str | None] = "metering"

    #: None: the approval's `resource_id` names the model.
    model_id: Ref | None = None
    #: None: from the approval's action (`deactivate` → inactive, `deprecate` → deprecated, else active).
    status: ModelStatus | None = None


class ProviderChange(ApprovalPayload):
    """Change registry model `model_id`'s provider, name or prices; absent (or null) fields stay as they
    are. New prices apply from `effective_from` (or from execution), never to usage before it.
    """

    approval_type: ClassVar[str] = "provider_change"
    owning_service: ClassVar[str | None] = "metering"

    #: None: the approval's `resource_id` names the model.
    model_id: Ref | None = None
    provider_id: Ref | None = None
    model_name: Label | None = None
    input_price_per_million: PricePerMillion | None = None
    output_price_per_million: PricePerMillion | None = None
    #: ISO 8601 text with its offset, as documented (a number is no time here).
    effective_from: IsoDateTime | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        changed = (self.provider_id, self.model_name, self.input_price_per_million, self.output_price_per_million)
        if all(value is None for value in changed):
            raise ValueError("name provider_id, model_name or a price to change")
        return self

    @property
    def changes_price(self) -> bool:
        return self.input_price_per_million is not None or self.output_price_per_million is not None


# --- platform operators: the tenant lifecycle ------------------------------------------------------


class TenantDeletion(ApprovalPayload):
    """Delete tenant `tenant_id` (soft at once, purged after the retention window) — an operator
    approval: a production tenant is deleted only when a second operator agrees.

    The executor re-checks the direct path's rules: the tenant exists and is not deleted already.
    """

    approval_type: ClassVar[str] = "tenant_deletion"
    owning_service: ClassVar[str | None] = "identity"

    tenant_id: Ref
    #: Why, as the operator gave it (shown to the approver, kept in both audit streams).
    reason: Annotated[StrictStr, Field(min_length=1, max_length=1000, pattern=PRINTABLE_PATTERN)]
    #: The tenant's name and environment when requested, for the approver's eyes only.
    tenant_name: Label | None = None
    environment: Environment | None = None


# --- external deployers --------------------------------------------------------------------------


class Deployment(ApprovalPayload):
    """Deploy release `version` (optionally pinned to `commit_sha`) to the approval's environment."""

    approval_type: ClassVar[str] = "deployment"
    owning_service: ClassVar[str | None] = None

    #: None: the approval's `resource_id` names the release.
    version: Version | None = None
    commit_sha: CommitSha | None = None


class Promotion(ApprovalPayload):
    """Promote deployment `deployment_id` to `target_environment` (the seed's `targetEnv`)."""

    approval_type: ClassVar[str] = "promotion"
    owning_service: ClassVar[str | None] = None

    deployment_id: Ref
    target_environment: Environment
    source_environment: Environment | None = None
    version: Version | None = None

    @model_validator(mode="after")
    def _moves(self) -> Self:
        if self.source_environment is not None and self.source_environment == self.target_environment:
            raise ValueError("source_environment and target_environment are the same")
        return self


# --- registry and parsing ------------------------------------------------------------------------

ApprovalDetails = (
    UserRoleChange
    | AdminInvitation
    | AdminStatusChange
    | AgentDeployment
    | TenantSecurityPolicy
    | BillingChange
    | ModelActivation
    | ProviderChange
    | TenantDeletion
    | Deployment
    | Promotion
)

_MODELS: tuple[type[ApprovalPayload], ...] = (
    UserRoleChange,
    AdminInvitation,
    AdminStatusChange,
    AgentDeployment,
    TenantSecurityPolicy,
    BillingChange,
    ModelActivation,
    ProviderChange,
    TenantDeletion,
    Deployment,
    Promotion,
)

#: Approval type → the model of its `details`. Read-only; its keys are exactly `ApprovalType`.
APPROVAL_PAYLOADS: Mapping[str, type[ApprovalPayload]] = MappingProxyType({m.approval_type: m for m in _MODELS})


class _ApprovalTypeCheck(BaseModel):
    approval_type: ApprovalType


def _request_model(model: type[ApprovalPayload]) -> type[BaseModel]:
    """`{"details": <model>}`, so that errors are located at `details.<field>`."""
    return create_model(f"{model.__name__}Details", details=(model, ...))


_REQUEST_MODELS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {approval_type: _request_model(model) for approval_type, model in APPROVAL_PAYLOADS.items()}
)


@overload
def parse_approval_details(approval_type: Literal["user_role_change"], details: Any) -> UserRoleChange: ...
@overload
def parse_approval_details(approval_type: Literal["admin_invitation"], details: Any) -> AdminInvitation: ...
@overload
def parse_approval_details(approval_type: Literal["admin_status_change"], details: Any) -> AdminStatusChange: ...
@overload
def parse_approval_details(approval_type: Literal["agent_deployment"], details: Any) -> AgentDeployment: ...
@overload
def parse_approval_details(approval_type: Literal["tenant_security_policy"], details: Any) -> TenantSecurityPolicy: ...
@overload
def parse_approval_details(approval_type: Literal["billing_change"], details: Any) -> BillingChange: ...
@overload
def parse_approval_details(approval_type: Literal["model_activation"], details: Any) -> ModelActivation: ...
@overload
def parse_approval_details(approval_type: Literal["provider_change"], details: Any) -> ProviderChange: ...
@overload
def parse_approval_details(approval_type: Literal["tenant_deletion"], details: Any) -> TenantDeletion: ...
@overload
def parse_approval_details(approval_type: Literal["deployment"], details: Any) -> Deployment: ...
@overload
def parse_approval_details(approval_type: Literal["promotion"], details: Any) -> Promotion: ...
@overload
def parse_approval_details(approval_type: str, details: Any) -> ApprovalPayload: ...


def parse_approval_details(approval_type: str, details: Any) -> ApprovalPayload:
    """Validate an approval's `details` (a JSON object, e.g. a `Mapping`) against its type's model.

    Raises `pydantic.ValidationError` whose errors are located at `approval_type` (an unknown type) or
    at `details.<field>` (a missing, invalid or unknown field; `details` itself when it is no object),
    ready to be reported as field errors (`radiant_contracts.problem.validation_problem`).
    """
    if approval_type not in _REQUEST_MODELS:
        _ApprovalTypeCheck.model_validate({"approval_type": approval_type})  # raises, located at approval_type
    if isinstance(details, Mapping) and not isinstance(details, dict):
        details = dict(details)
    parsed = _REQUEST_MODELS[approval_type].model_validate({"details": details})
    result: ApprovalPayload = parsed.details  # type: ignore[attr-defined]
    return result


def owning_service(approval_type: str) -> str | None:
    """The service that alone files and executes approvals of this type; None for external deployers'
    types (and for a type that does not exist)."""
    model = APPROVAL_PAYLOADS.get(approval_type)
    return model.owning_service if model is not None else None


#: The types no platform service owns: filed by people (or their deployers) through the public API.
EXTERNALLY_OWNED_TYPES = frozenset(t for t, m in APPROVAL_PAYLOADS.items() if m.owning_service is None)


__all__ = [
    "APPROVAL_PAYLOADS",
    "EXTERNALLY_OWNED_TYPES",
    "OPERATOR_APPROVAL_TYPES",
    "AdminInvitation",
    "AdminStatusChange",
    "AgentDeployment",
    "ApprovalDetails",
    "ApprovalPayload",
    "ApprovalType",
    "BillingChange",
    "BillingSettingsChange",
    "Deployment",
    "MarginTierChange",
    "ModelActivation",
    "ModelStatus",
    "PlanDowngrade",
    "Promotion",
    "ProviderChange",
    "Role",
    "TenantSecurityPolicy",
    "UserRoleChange",
    "owning_service",
    "parse_approval_details",
]
