from pydantic_settings import SettingsConfigDict

from radiant_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """Approval service settings; every variable is prefixed `APPROVAL_` (e.g. `APPROVAL_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="APPROVAL_", extra="ignore")

    service_name: str = "approval"
    db_schema: str = "approval"
