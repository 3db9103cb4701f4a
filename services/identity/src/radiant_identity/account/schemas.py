"""Requests and answers of account self-service (camelCase JSON)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from radiant_contracts.api import ApiModel, InputModel

from ..schemas import LoginEmail

#: A new password: the invitation's rule (12-128 characters).
NewPassword = Annotated[str, Field(min_length=12, max_length=128)]


class ChangePasswordRequest(InputModel):
    current_password: Annotated[str, Field(min_length=1, max_length=128)]
    new_password: NewPassword
    # A current authenticator, emailed or recovery code: required when a second factor is enrolled
    # (none, for email MFA, mails one: 403 with `codeSent`).
    code: Annotated[str, Field(max_length=32)] | None = None


class ForgotPasswordRequest(InputModel):
    email: LoginEmail
    # Only needed when the same email has accounts in several tenants (each is sent its own link otherwise).
    tenant_id: Annotated[str, Field(min_length=1, max_length=100)] | None = None


class ResetPasswordRequest(InputModel):
    token: Annotated[str, Field(min_length=32, max_length=512)]
    new_password: NewPassword


class AcceptedOut(ApiModel):
    message: str
