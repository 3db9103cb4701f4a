"""Each service's database role reaches only its own schema."""

from __future__ import annotations

import asyncpg
import pytest

from radiant_testing import service_db

SERVICES = ("identity", "approval", "metering", "billing", "audit")


@pytest.mark.parametrize("service", SERVICES)
async def test_service_role_cannot_read_or_write_another_services_schema(stack, service):
    others = [s for s in SERVICES if s != service]
    async with service_db(stack, service) as conn:
        assert await conn.fetchval("SELECT count(*) FROM outbox") >= 0  # its own schema works
        for other in others:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.fetchval(f"SELECT count(*) FROM {other}.outbox")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute(f"CREATE TABLE {other}.intruder (id int)")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE public.intruder (id int)")
