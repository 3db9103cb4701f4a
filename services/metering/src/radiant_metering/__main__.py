from pathlib import Path

from radiant_platform.cli import main

from .config import Settings

SERVICE_DIR = Path(__file__).resolve().parents[2]  # services/metering (alembic.ini, migrations/)

if __name__ == "__main__":
    main(app_factory="radiant_metering.main:create_service_app", settings_factory=Settings, service_dir=SERVICE_DIR)
