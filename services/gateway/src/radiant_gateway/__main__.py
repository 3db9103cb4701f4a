from radiant_platform.cli import main

from .config import Settings

if __name__ == "__main__":
    main(app_factory="radiant_gateway.main:create_service_app", settings_factory=Settings, service_dir=None)
