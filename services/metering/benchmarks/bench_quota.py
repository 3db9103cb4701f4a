"""Quota check benchmark: `GET /api/v2/metering/quota` for producers' service keys, under load.

DESIGN.md §8: p99 ≤ 1 ms server time. Server time is the check's own `Server-Timing: quota;dur=`
(taken before the caller's key is verified, so it covers the key's Redis read, the quota's two hash
reads and the answer; not the HTTP parsing around it); the client's round trip over loopback is
printed next to it. The load is closed-loop: BENCH_QUOTA_CONCURRENCY clients call metering directly
(the request path's way; the gateway adds its own hop) for BENCH_QUOTA_SECONDS, rotating over
BENCH_QUOTA_TENANTS tenants' keys.

Environment: BENCH_QUOTA_SECONDS (10), BENCH_QUOTA_CONCURRENCY (8), BENCH_QUOTA_TENANTS (20).
Last line: one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from pathlib import Path

import httpx

QUOTA = "/api/v2/metering/quota"
TARGET_P99_MS = 1.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def make_keys(stack, tenants: int) -> list[str]:
    from radiant_testing import TokenFactory, bearer
    from radiant_testing.service_keys import create_service_key

    mint = TokenFactory(Path(stack["IDENTITY_SIGNING_KEY_FILE"]), stack["JWT_ISSUER"], stack["JWT_AUDIENCE"])
    keys = []
    async with httpx.AsyncClient(base_url=stack.service_url("gateway"), timeout=30) as gateway:
        for _ in range(tenants):
            tenant = f"bench-quota-{uuid.uuid4()}"
            admin = bearer(mint(role="admin", tenant_id=tenant, environment="dev"))
            key = await create_service_key(gateway, admin, tenant_id=tenant, scopes=("quota:read",))
            keys.append(key.secret)
    return keys


async def load(
    base_url: str, keys: list[str], seconds: float, concurrency: int
) -> tuple[list[float], list[float], int]:
    server_ms: list[float] = []
    client_ms: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client(index: int, http: httpx.AsyncClient) -> None:
        nonlocal errors
        n = index
        while time.perf_counter() < deadline:
            headers = {"Authorization": f"Bearer {keys[n % len(keys)]}"}
            n += 1
            start = time.perf_counter()
            response = await http.get(QUOTA, headers=headers)
            client_ms.append((time.perf_counter() - start) * 1000)
            timing = response.headers.get("server-timing", "")
            if response.status_code != 200 or "dur=" not in timing:
                errors += 1
                continue
            server_ms.append(float(timing.split("dur=")[1].split(",")[0]))

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=10) as http:
        for key in keys[:2]:  # warm up connections and the process's caches
            await http.get(QUOTA, headers={"Authorization": f"Bearer {key}"})
        await asyncio.gather(*(client(i, http) for i in range(concurrency)))
    return server_ms, client_ms, errors


def main() -> None:
    from radiant_testing import resolve_stack, wait_until_ready

    stack = resolve_stack()
    wait_until_ready(stack)
    seconds = float(os.environ.get("BENCH_QUOTA_SECONDS", "10"))
    concurrency = int(os.environ.get("BENCH_QUOTA_CONCURRENCY", "8"))
    tenants = int(os.environ.get("BENCH_QUOTA_TENANTS", "20"))
    keys = asyncio.run(make_keys(stack, tenants))
    server, client, errors = asyncio.run(load(stack.service_url("metering"), keys, seconds, concurrency))
    result = {
        "bench": "quota-check",
        "requests": len(client),
        "errors": errors,
        "rps": round(len(client) / seconds),
        "concurrency": concurrency,
        "server_p50_ms": round(percentile(server, 0.50), 3),
        "server_p99_ms": round(percentile(server, 0.99), 3),
        "client_p50_ms": round(percentile(client, 0.50), 3),
        "client_p99_ms": round(percentile(client, 0.99), 3),
        "target_server_p99_ms": TARGET_P99_MS,
    }
    print(
        f"quota check: {result['requests']} requests in {seconds:.0f}s ({result['rps']}/s, {concurrency} clients, "
        f"{errors} errors)\n"
        f"  server time  p50 {result['server_p50_ms']:.3f} ms  p99 {result['server_p99_ms']:.3f} ms "
        f"(target p99 ≤ {TARGET_P99_MS} ms)\n"
        f"  round trip   p50 {result['client_p50_ms']:.3f} ms  p99 {result['client_p99_ms']:.3f} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
