import sys
from pathlib import Path

from radiant_platform.cli import main

from .config import Settings

SERVICE_DIR = Path(__file__).resolve().parents[2]  # services/metering (alembic.ini, migrations/)

if __name__ == "__main__":
    if sys.argv[1:2] == ["prices"]:  # metering's own command; serve/migrate stay the platform's
        from .cli import prices_main

        sys.exit(prices_main(sys.argv[2:]))
    main(app_factory="radiant_metering.main:create_service_app", settings_factory=Settings, service_dir=SERVICE_DIR)
