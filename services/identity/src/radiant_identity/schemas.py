"""HTTP request and response models: camelCase JSON, as the seed's responses.

Request bodies are `InputModel`s (a field the API does not know is a 422, not silently ignored);
responses are `ApiModel`s, built from ORM rows with `model_validate` where the names match.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import EmailStr, Field, StrictBool, field_validator

from radiant_contracts.api import PRINTABLE_NAME, PRINTABLE_TEXT, TRIMMED, ApiModel, InputModel, JsonInt, Pagination

#: A tenant role: the seed's four administrator roles and `member`, the tenant's end users (no admin permission).
Role = Literal["super_admin", "admin", "operator", "auditor", "member"]
#: An account's status, or `pending` for someone invited who has not signed up yet.
UserStatus = Literal["active", "suspended", "pending"]
Environment = Literal["dev", "staging", "prod"]
InvitationStatus = Literal["pending", "accepted", "expired", "revoked"]
MfaMethod = Literal["authenticator", "sms", "email"]
# Bounded as sent, never blank, kept trimmed (strip_whitespace would strip before the documented bounds).
Name = Annotated[str, Field(max_length=50, pattern=PRINTABLE_NAME), TRIMMED]
_TIMEZONES = frozenset(available_timezones())
#: The special-use domains (RFC 6761 and kin) no mail is delivered to; the email validator refuses them.
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")


def _in_any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


#: An address mail is sent to (an invitation): a valid email, never at a special-use domain — as the
#: document says, so a client (or the fuzzer) following it is not refused.
DeliverableEmail = Annotated[
    EmailStr,
    Field(
        json_schema_extra={
            "not": {"pattern": f"[@.]({'|'.join(map(_in_any_case, SPECIAL_USE_DOMAINS))})$"},
            "description": "An email address, not at a special-use domain (." + ", .".join(SPECIAL_USE_DOMAINS) + ")",
        }
    ),
]
#: A sign-in names an address to look up, not one to deliver to: anything shaped like an address is
#: answered (401 when no administrator has it), so no address is told apart by a 422.
#: (Spaces and control characters by code, not `\s`: regex engines disagree on what else is a space.)
LoginEmail = Annotated[str, Field(min_length=3, max_length=320, pattern=r"^[^@\x00-\x20\x7f]+@[^@\x00-\x20\x7f]+$")]


# --- invitations ----------------------------------------------------------------------------------


class CreateInvitationRequest(InputModel):
    email: DeliverableEmail
    role: Role
    # As the invitation's approval carries it (`approvals.Note`): a control character there was a 500.
    message: Annotated[str, Field(max_length=500, pattern=PRINTABLE_TEXT)] | None = None
    expires_in_hours: Annotated[JsonInt, Field(ge=1, le=168)] = 48


class AcceptInvitationRequest(InputModel):
    token: Annotated[str, Field(min_length=32, max_length=512)]
    first_name: Name
    last_name: Name
    password: Annotated[str, Field(min_length=12, max_length=128)]
    mfa_method: MfaMethod = "authenticator"
    phone: Annotated[str, Field(pattern=r"^\+[1-9]\d{6,14}$")] | None = None


class InviterRef(ApiModel):
    id: str | None
    name: str


class InvitationSummary(ApiModel):
    id: uuid.UUID
    email: str
    role: str
    status: str
    expires_at: datetime
    created_at: datetime


class InvitationOut(InvitationSummary):
    environment: str
    invited_by: InviterRef
    message: str | None
    accepted_at: datetime | None


class InvitationCreated(ApiModel):
    invitation: InvitationSummary


class InvitationEnvelope(ApiModel):
    invitation: InvitationOut


class InvitationList(ApiModel):
    invitations: list[InvitationOut]
    pagination: Pagination


class MessageOut(ApiModel):
    message: str


class ResendOut(ApiModel):
    message: str
    expires_at: datetime


class MfaEnrollment(ApiModel):
    method: str
    secret: str
    otpauth_uri: str
    qr_code: str  # data:image/png;base64,...
    recovery_codes: list[str] | None = None


class AcceptedAdmin(ApiModel):
    id: uuid.UUID
    email: str
    first_name: str
    last_name: str
    role: str
    mfa_required: bool


class AcceptOut(ApiModel):
    message: str
    admin_user: AcceptedAdmin
    mfa: MfaEnrollment | None = None


# --- auth -----------------------------------------------------------------------------------------


class LoginRequest(InputModel):
    email: LoginEmail
    password: Annotated[str, Field(min_length=1, max_length=128)]
    totp_code: Annotated[str, Field(max_length=12)] | None = None
    recovery_code: Annotated[str, Field(max_length=32)] | None = None
    # Only needed when the same email administers several tenants.
    tenant_id: Annotated[str, Field(min_length=1, max_length=100)] | None = None


class RefreshRequest(InputModel):
    refresh_token: Annotated[str, Field(min_length=16, max_length=512)]


class LogoutRequest(InputModel):
    refresh_token: Annotated[str, Field(min_length=16, max_length=512)] | None = None
    all_sessions: StrictBool = False


class SessionAdmin(ApiModel):
    id: uuid.UUID
    email: str
    role: str
    tenant_id: str
    environment: str
    mfa_enabled: bool


class TokenPair(ApiModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    administrator: SessionAdmin


class TotpEnrollRequest(InputModel):
    # Every factor change proves the current factor first (a stolen access token is not enough): a
    # current authenticator, emailed or recovery code when MFA is enrolled, else the password.
    current_code: Annotated[str, Field(max_length=32)] | None = None
    current_password: Annotated[str, Field(min_length=1, max_length=128)] | None = None


class RecoveryCodesRequest(InputModel):
    # A current authenticator, emailed or recovery code: replacing the codes is a factor change.
    current_code: Annotated[str, Field(max_length=32)] | None = None


class StepUpRequest(InputModel):
    # A current authenticator, emailed or recovery code; none, for email MFA, mails one.
    code: Annotated[str, Field(max_length=32)] | None = None


class StepUpOut(ApiModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int


class TotpVerifyRequest(InputModel):
    code: Annotated[str, Field(min_length=6, max_length=12)]


class RecoveryCodesOut(ApiModel):
    recovery_codes: list[str]


# --- administrators -------------------------------------------------------------------------------


class AdminOut(ApiModel):
    id: uuid.UUID
    email: str
    first_name: str
    last_name: str
    display_name: str
    role: str
    status: str
    environment: str
    mfa_enabled: bool
    mfa_method: str | None
    last_login_at: datetime | None
    created_at: datetime
    updated_at: datetime


class AdminEnvelope(ApiModel):
    admin_user: AdminOut


class AdminList(ApiModel):
    admin_users: list[AdminOut]
    pagination: Pagination


class UpdateAdminRequest(InputModel):
    first_name: Name | None = None
    last_name: Name | None = None
    role: Role | None = None
    status: Literal["active", "suspended"] | None = None


class PendingApproval(ApiModel):
    id: str
    status: str
    type: str = "user_role_change"


class InvitationPending(ApiModel):
    """prod: a `super_admin` or `admin` invitation waits for another administrator's approval; the
    invitation is issued (and mailed) once approved."""

    message: str
    pending_approval: PendingApproval


class RemovalOut(ApiModel):
    message: str
    #: prod: the removal waits for another administrator's approval.
    pending_approval: PendingApproval | None = None


class AdministratorRecord(ApiModel):
    """An administrator as another platform service sees them (internal API)."""

    id: uuid.UUID
    tenant_id: str
    role: str
    status: str
    permissions: list[str]


class UpdateAdminOut(ApiModel):
    admin_user: AdminOut
    pending_approval: PendingApproval | None = None


# --- profiles -------------------------------------------------------------------------------------


class NotificationCategories(InputModel):
    security: StrictBool = True
    billing: StrictBool = True
    deployments: StrictBool = True
    approvals: StrictBool = True
    system: StrictBool = True


class NotificationSettings(InputModel):
    method: Literal["email", "in_app", "both", "none"] = "email"
    frequency: Literal["immediate", "hourly", "daily", "weekly"] = "immediate"
    categories: NotificationCategories = NotificationCategories()


class ProfileOut(ApiModel):
    admin_id: uuid.UUID
    notifications: NotificationSettings
    timezone: str
    language: str
    date_format: str
    time_format: str
    currency: str
    theme: str
    default_environment: str
    sidebar_collapsed: bool
    table_rows_per_page: int
    updated_at: datetime


class ProfileEnvelope(ApiModel):
    profile: ProfileOut


class UpdateProfileRequest(InputModel):
    notifications: NotificationSettings | None = None
    timezone: Annotated[str, Field(json_schema_extra={"enum": sorted(_TIMEZONES)})] | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] | None = None
    date_format: Literal["MM/DD/YYYY", "DD/MM/YYYY", "YYYY-MM-DD"] | None = None
    time_format: Literal["12h", "24h"] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    theme: Literal["light", "dark", "system"] | None = None
    default_environment: Environment | None = None
    sidebar_collapsed: StrictBool | None = None
    table_rows_per_page: Annotated[JsonInt, Field(ge=5, le=200)] | None = None

    @field_validator("timezone")
    @classmethod
    def _iana_timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in _TIMEZONES:
            raise ValueError("must be an IANA time zone such as 'Europe/Berlin'")
        return value


# --- notifications --------------------------------------------------------------------------------


class NotificationOut(ApiModel):
    id: uuid.UUID
    type: str
    priority: str
    title: str
    message: str
    action_url: str | None
    action_label: str | None
    read: bool
    read_at: datetime | None
    dismissed: bool
    created_at: datetime


class NotificationList(ApiModel):
    notifications: list[NotificationOut]
    unread_count: int
    pagination: Pagination


class UnreadCount(ApiModel):
    unread_count: int


class MarkedRead(ApiModel):
    updated: int
