"""The lock files pin every dependency of pyproject.toml with its hashes (issue 14: nothing
pinned the dependencies, `pip install -e .` resolved afresh on every machine)."""

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.uppfoljning.deploy import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(line) for line in PYPROJECT["dependencies"]]
DEV = [Requirement(line) for line in PYPROJECT["optional-dependencies"]["dev"]]

ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def read_lock(name):
    """{package: (version, [sha256 hashes])} of a pip-compile lock file."""
    entries = {}
    current = None
    for line in (ROOT / name).read_text().splitlines():
        if match := ENTRY.match(line):
            current = canonicalize_name(match.group(1))
            entries[current] = (match.group(2), [])
        elif current and (hashed := re.match(r"\s+--hash=sha256:([0-9a-f]{64})", line)):
            entries[current][1].append(hashed.group(1))
        elif line and not line.startswith((" ", "#")):
            current = None
    return entries


def extra_requirements(requirement):
    """What the installed distribution needs for the extras asked for, e.g. psycopg[pool]."""
    needed = []
    for line in metadata.requires(requirement.name) or []:
        dependency = Requirement(line)
        if dependency.marker and any(
            dependency.marker.evaluate({"extra": extra}) for extra in requirement.extras
        ):
            needed.append(dependency)
    return needed


LOCKS = {
    "requirements.lock": RUNTIME + DEV,
    "requirements-prod.lock": RUNTIME,
}


@pytest.mark.parametrize(("lock", "requirements"), LOCKS.items())
def test_every_dependency_of_pyproject_is_locked_in_a_version_it_allows(lock, requirements):
    entries = read_lock(lock)
    wanted = list(requirements)
    for requirement in requirements:
        wanted += extra_requirements(requirement)
    missing = [str(r) for r in wanted if canonicalize_name(r.name) not in entries]
    assert missing == [], f"not in {lock}; run `make lock`"
    outside = [
        f"{r.name}=={entries[canonicalize_name(r.name)][0]} ({r.specifier})"
        for r in wanted
        if not r.specifier.contains(entries[canonicalize_name(r.name)][0], prereleases=True)
    ]
    assert outside == [], f"{lock} pins versions pyproject.toml does not allow; run `make lock`"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_a_hash(lock):
    entries = read_lock(lock)
    assert len(entries) >= len(LOCKS[lock])
    assert sorted(name for name, (_, hashes) in entries.items() if not hashes) == []


def test_production_lock_takes_the_same_versions_as_the_development_lock():
    development = read_lock("requirements.lock")
    production = read_lock("requirements-prod.lock")
    assert set(production) <= set(development)
    assert {n: v for n, (v, _) in production.items()} == {n: development[n][0] for n in production}


def test_make_and_the_image_install_from_the_locks_checking_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert re.search(r"^LOCK := requirements\.lock$", makefile, re.M)
    assert re.search(r"^\$\(STAMP\): pyproject\.toml \$\(LOCK\)$", makefile, re.M)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "RUN pip install --require-hashes -r requirements-prod.lock" in dockerfile
    assert "pip install -r /tmp/requirements.txt" not in dockerfile
