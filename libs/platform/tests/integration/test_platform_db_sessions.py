"""What every service's database session is set up with (radiant_platform.db.create_engine)."""

from __future__ import annotations

from sqlalchemy import text

from radiant_platform.db import create_engine, create_sessionmaker
from radiant_platform.settings import ServiceSettings
from radiant_testing import StackEnv


async def test_a_service_session_never_jit_compiles_and_names_its_service(stack: StackEnv) -> None:
    # With JIT on, metering's ingest statement spent most of each batch compiling itself: the planner
    # overestimates an unnested batch array's rows past the JIT thresholds.
    url = stack.admin_db_url.replace("postgresql://", "postgresql+asyncpg://")
    engine = create_engine(ServiceSettings(service_name="sessions-test", database_url=url, db_schema="public"))
    try:
        async with create_sessionmaker(engine)() as session:
            jit = (await session.execute(text("SHOW jit"))).scalar_one()
            name = (await session.execute(text("SHOW application_name"))).scalar_one()
            path = (await session.execute(text("SHOW search_path"))).scalar_one()
    finally:
        await engine.dispose()
    assert (jit, name, path) == ("off", "radiant-sessions-test", "public")
