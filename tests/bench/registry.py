"""Named measurements for the benchmark; each area registers its own.

A measurement's setup receives the BenchContext and returns the operation to time (a
zero-argument callable), or None when what it measures does not exist yet (a page not
landed), in which case the runner reports it as skipped.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.test import Client


class BenchError(Exception):
    """A measured request did not answer as it should (wrong status, error page)."""


@dataclass
class Measurement:
    name: str
    setup: Callable
    description: str = ""
    # Goals: median within `ratio_goal` x the trivial view's median; p95 under `p95_goal_ms`.
    ratio_goal: float | None = None
    p95_goal_ms: float | None = None
    iterations: int | None = None


REGISTRY: dict[str, Measurement] = {}
TRIVIAL = "trivial"


def measurement(name, *, description="", ratio_goal=None, p95_goal_ms=None, iterations=None):
    """Register `setup(ctx) -> callable | None` under `name` (order of registration kept)."""

    def register(setup):
        REGISTRY[name] = Measurement(
            name=name,
            setup=setup,
            description=description,
            ratio_goal=ratio_goal,
            p95_goal_ms=p95_goal_ms,
            iterations=iterations,
        )
        return setup

    return register


@dataclass
class BenchContext:
    """What measurements share: logged-in clients and a seeded random generator."""

    users: dict
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    _clients: dict = field(default_factory=dict)

    def client(self, role: str = "coordinator") -> Client:
        if role not in self._clients:
            client = Client()
            client.force_login(self.users[role])
            self._clients[role] = client
        return self._clients[role]

    def cycle(self, items):
        """An endless, seeded walk over `items`, so each request asks for something else."""
        items = list(items)
        self.rng.shuffle(items)
        while True:
            yield from items

    def getter(self, urls, *, role: str = "coordinator", status: int = 200, **extra):
        """An operation that GETs the next URL and checks its status."""
        client = self.client(role)
        walk = self.cycle(urls) if not isinstance(urls, str) else None

        def get():
            url = next(walk) if walk is not None else urls
            response = client.get(url, **extra)
            if response.status_code != status:
                raise BenchError(f"GET {url} answered {response.status_code}, not {status}")
            return response

        return get
