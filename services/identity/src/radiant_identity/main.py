from fastapi import FastAPI

from radiant_platform.app import Runtime, ServiceSpec, create_app

from . import mailer, service
from .config import Settings
from .consumers import make_consumers
from .context import Identity
from .endpoints import router
from .keys import SigningKey
from .security import SecretBox


def build_identity(settings: Settings) -> Identity:
    return Identity(settings=settings, signing_key=SigningKey.load(settings.signing_key_file),
                    secret_box=SecretBox(settings.mfa_secret_key))


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Loaded at app creation: a missing key is a configuration error that must stop start-up.
    identity = build_identity(settings)

    def wire(rt: Runtime) -> Identity:
        identity.sessionmaker = rt.sessionmaker
        identity.redis = rt.redis
        identity.http = rt.http
        return identity

    async def on_startup(rt: Runtime) -> None:
        wire(rt)

    async def mail_job(rt: Runtime) -> None:
        await mailer.run_mailer(wire(rt))

    async def expiry_job(rt: Runtime) -> None:
        import asyncio

        while True:
            await service.expire_invitations_job(wire(rt))
            await asyncio.sleep(60)

    def consumers(rt: Runtime):
        wire(rt)
        return make_consumers(identity, rt.session_factory)

    app = create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant identity",
            description="Tenants, administrators, invitations, login, MFA, profiles and notifications.",
            routers=[router],
            consumers=consumers,
            background=[mail_job, expiry_job],
            on_startup=[on_startup],
        )
    )
    app.state.signing_key = identity.signing_key
    app.state.identity = identity
    return app
