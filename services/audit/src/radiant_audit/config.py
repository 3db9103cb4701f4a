from pydantic_settings import SettingsConfigDict

from radiant_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """Audit service settings; every variable is prefixed `AUDIT_` (e.g. `AUDIT_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="AUDIT_", extra="ignore")

    service_name: str = "audit"
    db_schema: str = "audit"
