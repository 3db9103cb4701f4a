from pydantic import Field
from pydantic_settings import SettingsConfigDict

from radiant_platform.service_auth import ServiceAuthSettings
from radiant_platform.tenant_purge import TenantPurgeSettings


class Settings(ServiceAuthSettings, TenantPurgeSettings):
    """Approval service settings; every variable is prefixed `APPROVAL_` (e.g. `APPROVAL_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="APPROVAL_", extra="ignore")

    service_name: str = "approval"
    db_schema: str = "approval"
    port: int = 8002

    # Environments (of the requester's token) where the requester may not decide their own request.
    two_person_environments: list[str] = Field(default_factory=lambda: ["prod"])
    # Distinct approvers a request needs, by "<type>:<environment>"; "*" matches any type or
    # environment; the most specific key wins, else `default_required_approvals`.
    # Env: APPROVAL_REQUIRED_APPROVALS='{"billing_change:prod": 2, "deployment:*": 2}'.
    # Margins and tax change what every customer pays, so production billing changes need two.
    required_approvals: dict[str, int] = Field(default_factory=lambda: {"billing_change:prod": 2})
    default_required_approvals: int = Field(1, ge=1)
    # How often pending requests past their expiry are swept to `expired`.
    expiry_sweep_seconds: float = Field(5.0, gt=0)
    expiry_sweep_batch: int = Field(500, ge=1)
