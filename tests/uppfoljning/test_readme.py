"""The README tells a newcomer what `make run` does and needs, and how the language is chosen."""

import re

import pytest
from django.urls import reverse

from .deploy import ROOT

README = (ROOT / "README.md").read_text()


def _make_run_section() -> str:
    return README.split("### `make run`", 1)[1].split("\n### ", 1)[0]


def test_the_readme_names_the_commands_make_run_runs():
    makefile = (ROOT / "Makefile").read_text()
    commands = re.findall(
        r"\$\(MANAGE\) ((?:load_demo|run_checks|migrate)[^;\n]*?)(?:;|\n)", makefile
    )
    assert "run_checks --seed" in commands
    section = _make_run_section()
    for command in commands:
        if command.startswith("migrate"):
            continue  # described in words
        assert f"manage.py {command.strip()}" in section, command


def test_the_readme_names_the_system_libraries_weasyprint_needs_for_make_run():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installed = re.search(r"apt-get install -y --no-install-recommends(.*?)&&", dockerfile, re.S)
    packages = installed.group(1).replace("\\", " ").split()
    assert "libpango-1.0-0" in packages and "libharfbuzz0b" in packages
    section = _make_run_section()
    for package in packages:
        assert package in section, package


def test_every_variable_in_the_readme_is_in_the_env_example():
    table = README.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            documented |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1]))
    assert "CHROMIUM_PATH" in documented
    example = (ROOT / ".env.example").read_text()
    assert sorted(name for name in documented if name not in example) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "cookie", "heading"),
    [
        ("en-GB,en;q=0.9", None, "Log in"),
        ("de-DE,de;q=0.9,en;q=0.5", None, "Log in"),  # the first language it has
        ("sv-SE,sv;q=0.9,en;q=0.5", None, "Logga in"),
        ("de-DE", None, "Logga in"),  # neither: Swedish
        (None, None, "Logga in"),
        ("en-GB", "sv", "Logga in"),  # the chooser at the foot of the page wins
    ],
)
def test_the_interface_follows_the_browsers_language_as_the_readme_says(
    client, settings, accept_language, cookie, heading
):
    assert "`Accept-Language`" in README and "`django_language`" in README
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    headers = {"Accept-Language": accept_language} if accept_language else {}
    page = client.get(reverse("login"), headers=headers).content.decode()
    assert f'<h1 class="h3 mb-3">{heading}</h1>' in page
