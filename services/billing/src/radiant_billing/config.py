from pydantic_settings import SettingsConfigDict

from radiant_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """Billing service settings; every variable is prefixed `BILLING_` (e.g. `BILLING_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="BILLING_", extra="ignore")

    service_name: str = "billing"
    db_schema: str = "billing"
