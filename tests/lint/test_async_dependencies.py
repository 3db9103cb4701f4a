"""Every endpoint dependency of every service is `async def`.

FastAPI runs a plain `def` dependency in a worker thread: each one costs a hand-off to the thread
pool and back on every request that uses it. `deps_of` alone (every endpoint's `Deps`) was such a
hop on every call; under the quota benchmark's load the pool's queue showed in a tenth of metering's
samples. The dependencies here only read the request, so they belong on the event loop.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant

SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")


def _runs_on_the_loop(call: Any) -> bool:
    return (
        inspect.iscoroutinefunction(call)
        or inspect.isasyncgenfunction(call)
        or (not inspect.isroutine(call) and inspect.iscoroutinefunction(type(call).__call__))  # a callable object
    )


def _threaded(dependant: Dependant) -> Iterable[str]:
    for sub in dependant.dependencies:
        if sub.call is not None and not _runs_on_the_loop(sub.call):
            yield f"{sub.call.__module__}.{sub.call.__qualname__}"
        yield from _threaded(sub)


def _dependants(routes: Iterable[Any]) -> Iterable[Dependant]:
    for route in routes:
        if hasattr(route, "original_router"):  # an included router, as FastAPI keeps it
            yield from _dependants(route.original_router.routes)
        elif getattr(route, "dependant", None) is not None:
            yield route.dependant


@pytest.mark.parametrize("service", SERVICES)
def test_no_dependency_of_the_service_runs_in_a_worker_thread(service: str) -> None:
    app = importlib.import_module(f"radiant_{service}.main").create_service_app()
    dependants = list(_dependants(app.routes))
    assert len(dependants) > 5  # the walk reaches the service's endpoints
    threaded = sorted({name for dependant in dependants for name in _threaded(dependant)})
    assert threaded == [], f"plain `def` dependencies (make them `async def`): {threaded}"
