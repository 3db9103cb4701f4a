from pydantic_settings import SettingsConfigDict

from radiant_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """Metering service settings; every variable is prefixed `METERING_` (e.g. `METERING_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="METERING_", extra="ignore")

    service_name: str = "metering"
    db_schema: str = "metering"
