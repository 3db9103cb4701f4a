from pathlib import Path

from pydantic_settings import SettingsConfigDict

from radiant_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """Identity service settings; every variable is prefixed `IDENTITY_` (e.g. `IDENTITY_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore")

    service_name: str = "identity"
    db_schema: str = "identity"
    signing_key_file: Path = Path(".local/secrets/jwt-ed25519.pem")
    access_token_minutes: int = 15
