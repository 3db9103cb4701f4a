"""Gateway benchmark: authenticated reads at a constant rate, through the gateway and direct.

DESIGN.md §8: p99 ≤ 25 ms at 1,000 req/s through the gateway, and ≤ 3 ms p50 over calling the
service directly. The load comes from `hey` (a Go HTTP load generator, `go install`ed into
.local/bin) in a separate process at a fixed rate; both runs hit `GET /api/v2/me` (token verified,
rate limit checked, forwarded to identity) with the same token.

Environment: BENCH_RPS (default 1000), BENCH_SECONDS (default 15), BENCH_TENANTS (default 10),
BENCH_SENDERS (default 50), BENCH_GATEWAY_URL (default the stack's gateway: another gateway to
compare, e.g. a build of the previous commit on another port for an A/B run), BENCH_DIRECT=0 skips
the direct run (A/B runs of gateways only).
Last line: one JSON object: latencies via the gateway (p50/p95/p99), direct (p50/p99), the p50
overhead, the rate achieved, the errors (non-200 answers) and the requests short of the target, and how many
gateway processes served it (`GATEWAY_WORKERS`, as the stack runs it) and the CPU they spent per
request (from /proc, when the gateway runs on this machine).
"""

from __future__ import annotations

import collections
import contextlib
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
from urllib.parse import urlsplit

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
        "statuses": dict(collections.Counter(r["status-code"] for r in rows)),
        "achieved_rps": round(ok / seconds, 1),
        "p50_ms": round(percentile(latencies_ms, 0.50), 2),
        "p95_ms": round(percentile(latencies_ms, 0.95), 2),
        "p99_ms": round(percentile(latencies_ms, 0.99), 2),
        "mean_ms": round(statistics.fmean(latencies_ms), 2),
    }


def serving_processes(port: int) -> list[int]:
    """The local processes holding the socket that listens on `port` (a uvicorn supervisor and its
    workers share it), found through /proc; empty where that cannot be read (not Linux, not ours)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                    inodes.add(f"socket:[{fields[9]}]")
    holders = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in inodes for fd in os.listdir(f"/proc/{pid}/fd")):
                holders.append(int(pid))
    return holders


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def workers_of(pids: list[int]) -> int:
    """Processes answering requests: a supervisor's workers, or the one process."""
    parents = {}
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as stat:
            parents[pid] = int(stat.read().rsplit(")", 1)[1].split()[1])
    return sum(1 for parent in parents.values() if parent in parents) or len(pids)


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
    direct = (
        run_load(f"{stack.service_url('identity')}/api/v2/me", tokens, rps, seconds)
        if os.environ.get("BENCH_DIRECT", "1") != "0"
        else None
    )
    print(f"direct to identity: {direct}", file=sys.stderr)
    gateway_url = os.environ.get("BENCH_GATEWAY_URL") or stack.service_url("gateway")
    serving = serving_processes(urlsplit(gateway_url).port or 80)
    cpu_before = cpu_seconds(serving)
    via_gateway = run_load(f"{gateway_url}/api/v2/me", tokens, rps, seconds)
    # CPU the gateway's processes spent per answered request: what holds on a loaded machine, where
    # latencies measure the neighbours as much as the gateway.
    cpu_us = (cpu_seconds(serving) - cpu_before) * 1e6 / max(1, via_gateway["requests"]) if serving else None
    print(f"through the gateway ({gateway_url}): {via_gateway}", file=sys.stderr)
    print(
        json.dumps(
            {
                "benchmark": "gateway",
                "target_rps": rps,
                "seconds": seconds,
                "gateway_processes": workers_of(serving) if serving else int(os.environ.get("GATEWAY_WORKERS") or 1),
                "gateway_cpu_us_per_request": round(cpu_us) if cpu_us is not None else None,
                "achieved_rps": via_gateway["achieved_rps"],
                # non-200 answers; and requests short of the target (not sent in time — each sender
                # waits for its answer — or failed without one: hey's CSV lists only answers)
                "errors": via_gateway["requests"] - via_gateway["ok"],
                "short_of_target": max(0, rps * seconds - via_gateway["requests"]),
                "p50_ms": via_gateway["p50_ms"],
                "p95_ms": via_gateway["p95_ms"],
                "p99_ms": via_gateway["p99_ms"],
                "direct_p50_ms": direct["p50_ms"] if direct else None,
                "direct_p99_ms": direct["p99_ms"] if direct else None,
                "p50_overhead_ms": round(via_gateway["p50_ms"] - direct["p50_ms"], 2) if direct else None,
                "target": {"rps": 1000, "p99_ms": 25, "p50_overhead_ms": 3},
            }
        )
    )


if __name__ == "__main__":
    main()
