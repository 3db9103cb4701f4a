from fastapi import FastAPI

from radiant_platform.app import ServiceSpec, create_app

from .config import Settings
from .endpoints import router
from .keys import SigningKey


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant identity",
            description="Tenants, administrators, invitations, login, MFA, profiles and notifications.",
            routers=[router],
        )
    )
    # Loaded at app creation: a missing key is a configuration error that must stop start-up.
    app.state.signing_key = SigningKey.load(settings.signing_key_file)
    return app
