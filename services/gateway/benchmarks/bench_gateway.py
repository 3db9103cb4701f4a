"""Gateway benchmark: authenticated reads at a constant rate, through the gateway and direct.

DESIGN.md §8: p99 ≤ 25 ms at 1,000 req/s through the gateway, and ≤ 3 ms p50 over calling the
service directly. The load comes from `hey` (a Go HTTP load generator, `go install`ed into
.local/bin) in a separate process at a fixed rate; both runs hit `GET /api/v2/me` (token verified,
rate limit checked, forwarded to identity) with the same token.

Environment: BENCH_RPS (default 1000), BENCH_SECONDS (default 15), BENCH_TENANTS (default 10),
BENCH_SENDERS (default 50).
Last line: one JSON object.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HEY_VERSION = "v0.1.5"


def hey_binary() -> str:
    local = ROOT / ".local/bin/hey"
    if local.exists():
        return str(local)
    if found := shutil.which("hey"):
        return found
    env = {**os.environ, "GOBIN": str(local.parent)}
    subprocess.run(["go", "install", f"github.com/rakyll/hey@{HEY_VERSION}"], check=True, env=env)
    return str(local)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_load(url: str, tokens: list[str], rps: int, seconds: int) -> dict[str, float]:
    """Open-loop load at `rps`, evenly spread: `hey` paces each of its workers with its own ticker, so
    one `hey` with many workers sends synchronised bursts (and measures its own queueing). Instead,
    SENDERS single-worker `hey` processes each send rps/SENDERS per second, started 1/rps apart, so the
    requests arrive evenly; they rotate over the tenants' tokens (one tenant would meet its rate limit)."""
    senders = int(os.environ.get("BENCH_SENDERS", "50"))
    per_sender = max(1, round(rps / senders))
    procs = []
    for i in range(senders):
        procs.append(
            subprocess.Popen(
                [
                    hey_binary(),
                    "-z",
                    f"{seconds}s",
                    "-c",
                    "1",
                    "-q",
                    str(per_sender),
                    "-o",
                    "csv",
                    "-H",
                    f"Authorization: Bearer {tokens[i % len(tokens)]}",
                    url,
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
        )
        time.sleep(1 / rps)
    rows = [row for p in procs for row in csv.DictReader(io.StringIO(p.communicate()[0]))]
    latencies_ms = [float(r["response-time"]) * 1000 for r in rows]
    ok = sum(1 for r in rows if r["status-code"] == "200")
    return {
        "requests": len(rows),
        "ok": ok,
        "achieved_rps": round(len(rows) / seconds, 1),
        "p50_ms": round(percentile(latencies_ms, 0.50), 2),
        "p99_ms": round(percentile(latencies_ms, 0.99), 2),
        "mean_ms": round(statistics.fmean(latencies_ms), 2),
    }


def main() -> None:
    from radiant_testing import TokenFactory, resolve_stack

    stack = resolve_stack()
    rps = int(os.environ.get("BENCH_RPS", "1000"))
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    mint = TokenFactory(Path(stack["IDENTITY_SIGNING_KEY_FILE"]), stack["JWT_ISSUER"], stack["JWT_AUDIENCE"])
    # Ten tenants, each well under the per-tenant limit (GATEWAY_TENANT_RATE_PER_SECOND, default 200/s).
    tokens = [
        mint(role="auditor", tenant_id=f"bench-{uuid.uuid4()}")
        for _ in range(int(os.environ.get("BENCH_TENANTS", "10")))
    ]
    direct = run_load(f"{stack.service_url('identity')}/api/v2/me", tokens, rps, seconds)
    print(f"direct to identity: {direct}", file=sys.stderr)
    via_gateway = run_load(f"{stack.service_url('gateway')}/api/v2/me", tokens, rps, seconds)
    print(f"through the gateway: {via_gateway}", file=sys.stderr)
    print(
        json.dumps(
            {
                "benchmark": "gateway",
                "target_rps": rps,
                "seconds": seconds,
                "achieved_rps": via_gateway["achieved_rps"],
                "non_200": via_gateway["requests"] - via_gateway["ok"],
                "p50_ms": via_gateway["p50_ms"],
                "p99_ms": via_gateway["p99_ms"],
                "direct_p50_ms": direct["p50_ms"],
                "direct_p99_ms": direct["p99_ms"],
                "p50_overhead_ms": round(via_gateway["p50_ms"] - direct["p50_ms"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
