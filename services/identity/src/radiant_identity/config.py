from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from radiant_platform.service_auth import ServiceAuthSettings
from radiant_platform.tenant_purge import TenantPurgeSettings


class Settings(ServiceAuthSettings, TenantPurgeSettings):
    """Identity service settings; every variable is prefixed `IDENTITY_` (e.g. `IDENTITY_DATABASE_URL`).

    Mail and the locations of other services are platform-wide and read un-prefixed
    (`SMTP_HOST`, `SMTP_PORT`, `PUBLIC_APP_URL`, `GATEWAY_URL`, `APPROVAL_URL`).
    """

    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore")

    service_name: str = "identity"
    port: int = 8001
    db_schema: str = "identity"
    signing_key_file: Path = Path(".local/secrets/jwt-ed25519.pem")
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    app_id: str = "radiant"
    app_name: str = "Radiant"

    # The key that protects second factors at rest (any string; HKDF derives from it the AES key that
    # seals TOTP secrets and the HMAC key that hashes recovery codes). To rotate it, set the new one
    # here and keep the old ones in `mfa_previous_secret_keys` until the rows are re-sealed.
    mfa_secret_key: str = "identity-mfa-dev-secret"
    mfa_previous_secret_keys: list[str] = []
    totp_issuer: str = "Radiant"
    # No SMS gateway ships with the platform; `sms` MFA is refused clearly until one is configured.
    sms_provider: str | None = None

    # Sign-in throttling (Redis, `throttle.py`): failures count per (account, client address), per
    # address and per account, each within a window that slides with the last failure. A scope at its
    # limit waits `login_first_delay_seconds`, doubling with each further failure, up to
    # `login_lockout_seconds`. The per-account ceiling is far above the pair's allowance, so a stranger
    # failing from their own address does not lock the owner out.
    login_window_seconds: int = 900
    login_max_failures_per_account_and_ip: int = 5
    login_max_failures_per_ip: int = 50
    login_max_failures_per_account: int = 100
    login_first_delay_seconds: int = 30
    login_lockout_seconds: int = 900
    # Second-factor codes presented while signed in (step-up, factor changes), per administrator.
    mfa_max_code_failures: int = 5

    smtp_host: str = Field("127.0.0.1", validation_alias="SMTP_HOST")
    smtp_port: int = Field(1025, validation_alias="SMTP_PORT")
    smtp_username: str | None = Field(None, validation_alias="SMTP_USERNAME")
    smtp_password: str | None = Field(None, validation_alias="SMTP_PASSWORD")
    smtp_use_tls: bool = Field(False, validation_alias="SMTP_USE_TLS")
    mail_from: str = Field("noreply@radiant.local", validation_alias="MAIL_FROM")
    email_max_attempts: int = 8
    email_poll_seconds: float = 1.0

    # Links in emails: `console_url` (PUBLIC_APP_URL, else GATEWAY_URL + /console; ServiceSettings).
    approval_url: str = Field("http://127.0.0.1:8002", validation_alias="APPROVAL_URL")
    # Agents (agents/): an agent's model must be active in metering's registry, asked over its internal API.
    metering_url: str = Field("http://127.0.0.1:8003", validation_alias="METERING_URL")
    # The dashboard's home screen (dashboard/): billing's spend part, over its internal API.
    billing_url: str = Field("http://127.0.0.1:8004", validation_alias="BILLING_URL")

    # Operators impersonating a tenant (tenants/): the longest session they may ask for, in minutes.
    impersonation_max_minutes: int = Field(60, ge=1, le=60)
    # How often the tenants' Redis revocation marks are checked against their records (and repaired).
    revocation_reconcile_seconds: float = 5.0
    # Deleting a tenant (tenants/): in these environments a second operator approves it first.
    tenant_deletion_approval_environments: list[str] = Field(default_factory=lambda: ["prod"])

    # Account self-service (account/): a forgotten-password link lives this long (single use, stored
    # hashed); requests for links are throttled per address asked for and per client address, per hour.
    password_reset_minutes: int = Field(60, ge=5, le=1440)
    password_reset_max_per_email: int = Field(3, ge=1)
    password_reset_max_per_ip: int = Field(20, ge=1)
    # Notification digests (digests/): how often due digests are looked for.
    digest_poll_seconds: float = Field(60.0, gt=0)

    def secret_values(self) -> dict[str, str | None]:
        previous = {f"mfa_previous_secret_keys[{i}]": key for i, key in enumerate(self.mfa_previous_secret_keys)}
        return {
            **super().secret_values(),
            "mfa_secret_key": self.mfa_secret_key,
            **previous,
            "smtp_password": self.smtp_password,
        }
