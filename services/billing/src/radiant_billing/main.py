from fastapi import FastAPI

from radiant_platform.app import ServiceSpec, create_app

from .config import Settings


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(ServiceSpec(settings=settings, title="Radiant billing"))
