"""Every register page is Swedish and readable by assistive technology (WCAG 2.1 AA basics):
one h1 and no skipped heading levels, a label for every field, th with scope."""

from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.suppliers.test_permissions import PAGES, register  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings = []
        self.th_without_scope = 0
        self.fields = []  # (tag, id, has aria-label)
        self.label_for = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in attrs:
            self.th_without_scope += 1
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        hidden = attrs.get("type") in {"hidden", "submit", "button"}
        if tag in {"input", "select", "textarea"} and not hidden:
            self.fields.append((attrs.get("name"), attrs.get("id"), "aria-label" in attrs))


def structure(client, url) -> PageStructure:
    response = client.get(url)
    assert response.status_code == 200
    parser = PageStructure()
    parser.feed(response.content.decode())
    return parser


def url_for(name, objects):
    kind = PAGES[name][0]
    args = [objects[kind].pk] if kind else []
    return reverse(f"suppliers:{name}", args=args)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_language_headings_labels_and_table_scopes(
    client,
    register,  # noqa: F811  (the fixture imported above)
    user_with_role,
    name,
):
    client.force_login(user_with_role("strategist"))
    page = structure(client, url_for(name, register))
    assert page.lang == "sv"
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{before} is followed by h{after}"
    assert page.th_without_scope == 0
    unlabelled = [
        field_name
        for field_name, field_id, has_aria in page.fields
        if not has_aria and field_id not in page.label_for
    ]
    assert unlabelled == []


def test_every_register_text_has_a_swedish_translation():
    po = polib.pofile(str(settings.BASE_DIR / "suppliers/locale/sv/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert missing == []
