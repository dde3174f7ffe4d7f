"""No template of the project carries inline script or style, which the Content-Security-Policy
refuses (issue 14). The browser test (tests/e2e/test_csp_e2e.py) sees the pages it visits;
this sees every template, including those no test opens."""

import re

import pytest

from tests.uppfoljning.deploy import ROOT

TEMPLATES = sorted(
    path
    for folder in ("templates", "uppfoljning", "suppliers", "followups", "reports")
    for path in (ROOT / folder).rglob("templates/**/*.html")
) + sorted((ROOT / "templates").rglob("*.html"))

INLINE = {
    "script without src": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}

# The board documents' HTML for WeasyPrint: never sent to a browser (the preview links the
# same stylesheet instead; see the template).
PDF_ONLY = {"reports/templates/reports/_document.html": {"style element"}}


def test_the_templates_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in TEMPLATES}
    assert "templates/base.html" in names
    assert "suppliers/templates/suppliers/calloff/status.html" in names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_inline_script_or_style(path):
    name = path.relative_to(ROOT).as_posix()
    text = path.read_text()
    found = sorted(kind for kind, pattern in INLINE.items() if pattern.search(text))
    assert found == sorted(PDF_ONLY.get(name, ())), name
