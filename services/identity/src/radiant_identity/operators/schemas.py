"""Operators' request and response models: camelCase JSON, like the rest of the API.

Request bodies are `InputModel`s (an unknown field is a 422); responses are `ApiModel`s built from
ORM rows with `model_validate`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StrictBool

from radiant_contracts.api import PRINTABLE_NAME, TRIMMED, ApiModel, InputModel, JsonInt, Pagination
from radiant_contracts.permissions import PlatformRole

from ..schemas import DeliverableEmail, LoginEmail

#: `platform_admin` (every `saas:` permission) or `platform_support` (read-mostly): the contract's roles.
OperatorRole = PlatformRole
OperatorStatus = Literal["active", "suspended"]
OperatorInvitationStatus = Literal["pending", "accepted", "expired", "revoked"]
OperatorName = Annotated[str, Field(max_length=101, pattern=PRINTABLE_NAME), TRIMMED]


# --- invitations ----------------------------------------------------------------------------------


class CreateOperatorInvitation(InputModel):
    email: DeliverableEmail
    name: OperatorName
    role: OperatorRole
    expires_in_hours: Annotated[JsonInt, Field(ge=1, le=168)] = 48


class AcceptOperatorInvitation(InputModel):
    token: Annotated[str, Field(min_length=32, max_length=512)]
    password: Annotated[str, Field(min_length=12, max_length=128)]
    # The inviter named the operator; they may correct it when accepting.
    name: OperatorName | None = None


class OperatorInvitationOut(ApiModel):
    id: uuid.UUID
    email: str
    name: str
    role: str
    status: str
    invited_by: str | None
    invited_by_name: str | None
    expires_at: datetime
    created_at: datetime
    accepted_at: datetime | None


class OperatorInvitationEnvelope(ApiModel):
    invitation: OperatorInvitationOut


class OperatorInvitationList(ApiModel):
    invitations: list[OperatorInvitationOut]
    pagination: Pagination


# --- operators ------------------------------------------------------------------------------------


class OperatorOut(ApiModel):
    id: uuid.UUID
    email: str
    name: str
    role: str
    status: str
    mfa_enabled: bool = True  # always: an operator cannot exist without a second factor
    invited_by: str | None
    last_login_at: datetime | None
    created_at: datetime
    updated_at: datetime


class OperatorEnvelope(ApiModel):
    operator: OperatorOut


class OperatorList(ApiModel):
    operators: list[OperatorOut]
    pagination: Pagination


class UpdateOperator(InputModel):
    name: OperatorName | None = None
    role: OperatorRole | None = None
    status: OperatorStatus | None = None


class TotpEnrollment(ApiModel):
    """Shown once, when the invitation is accepted: the operator's authenticator secret."""

    method: str = "authenticator"
    secret: str
    otpauth_uri: str
    qr_code: str  # data:image/png;base64,...
    recovery_codes: list[str]


class AcceptedOperator(ApiModel):
    message: str
    operator: OperatorOut
    mfa: TotpEnrollment


# --- self-service (the signed-in operator's own account) --------------------------------------------

NewPassword = Annotated[str, Field(min_length=12, max_length=128)]
#: A code from the authenticator the operator holds now (six digits; a little room for spaces).
CurrentCode = Annotated[str, Field(min_length=6, max_length=12)]


class ChangeOwnPassword(InputModel):
    current_password: Annotated[str, Field(min_length=1, max_length=128)]
    totp_code: CurrentCode
    new_password: NewPassword


class StartTotpReenrolment(InputModel):
    current_code: CurrentCode


class ConfirmTotpReenrolment(InputModel):
    #: A code from the new authenticator.
    code: CurrentCode


class RegenerateRecoveryCodes(InputModel):
    current_code: CurrentCode


class NewTotp(ApiModel):
    """The replacement authenticator's secret, shown once; it takes over when a code from it is confirmed."""

    method: str = "authenticator"
    secret: str
    otpauth_uri: str
    qr_code: str  # data:image/png;base64,...


class RecoveryCodes(ApiModel):
    recovery_codes: list[str]


class ForgotOperatorPassword(InputModel):
    email: LoginEmail


class ResetOperatorPassword(InputModel):
    token: Annotated[str, Field(min_length=32, max_length=512)]
    new_password: NewPassword


class PasswordResetRequested(ApiModel):
    message: str


class PasswordResetDone(ApiModel):
    message: str
    sessions_revoked: int


# --- sign-in --------------------------------------------------------------------------------------


class OperatorLogin(InputModel):
    email: LoginEmail
    password: Annotated[str, Field(min_length=1, max_length=128)]
    totp_code: Annotated[str, Field(max_length=12)] | None = None
    recovery_code: Annotated[str, Field(max_length=32)] | None = None


class OperatorRefresh(InputModel):
    refresh_token: Annotated[str, Field(min_length=16, max_length=512)]


class OperatorLogout(InputModel):
    refresh_token: Annotated[str, Field(min_length=16, max_length=512)] | None = None
    all_sessions: StrictBool = False


class SessionOperator(ApiModel):
    id: uuid.UUID
    email: str
    name: str
    role: str


class OperatorTokenPair(ApiModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    operator: SessionOperator


class ReenrolledOperator(OperatorTokenPair):
    """The new authenticator is active: earlier sessions ended, this is a new one, and the new
    recovery codes (the old ones no longer work) are shown once."""

    recovery_codes: list[str]
