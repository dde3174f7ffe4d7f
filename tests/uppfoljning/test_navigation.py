"""The main menu: groups by task, each role sees what it may open, one entry is current."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from uppfoljning.core import navigation


@dataclass
class Link:
    label: str
    href: str
    active: bool  # has the "active" class
    aria_current: str | None


@dataclass
class Group:
    label: str  # what the group shows sighted users (the button, or the single link)
    current: bool  # the button says it holds the current page (class and hidden text)
    links: list[Link] = field(default_factory=list)
    button: bool = True


class MenuParser(HTMLParser):
    """Reads the main menu (the first `navbar-nav` list) of a page into groups and links."""

    def __init__(self):
        super().__init__()
        self.groups: list[Group] = []
        self.depth = 0  # <ul> nesting inside the menu; 0 = not in the menu
        self.done = False
        self.text_into = None  # the Group or Link whose label is being read
        self.hidden = False  # inside a visually hidden span
        self.hidden_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self.done:
            return
        if tag == "ul" and (self.depth or "navbar-nav" in classes):
            self.depth += 1
        if not self.depth:
            return
        if tag == "button" and "dropdown-toggle" in classes:
            assert attrs.get("aria-expanded") == "false"
            assert attrs.get("data-bs-toggle") == "dropdown"
            group = Group("", "nav-group-current" in classes)
            self.groups.append(group)
            self.text_into = group
        elif tag == "a":
            link = Link("", attrs["href"], "active" in classes, attrs.get("aria-current"))
            if self.depth == 1:  # a group shown as its one link
                self.groups.append(Group("", False, [link], button=False))
            else:
                assert "dropdown-item" in classes
                self.groups[-1].links.append(link)
            self.text_into = link
        elif tag == "span" and "visually-hidden" in classes:
            self.hidden = True

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "ul":
            self.depth -= 1
            self.done = not self.depth
        elif tag in ("a", "button"):
            if not self.groups[-1].button:
                self.groups[-1].label = self.text_into.label
            self.text_into = None
        elif tag == "span" and self.hidden:
            self.hidden = False

    def handle_data(self, data):
        if self.hidden:
            self.hidden_text += data
        elif self.text_into is not None:
            self.text_into.label += data.strip()


def menu(client, url_name="dashboard") -> list[Group]:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    parser = MenuParser()
    parser.feed(response.content.decode())
    return parser.groups


def outline(groups: list[Group]) -> dict[str, list[str]]:
    return {g.label: [link.label for link in g.links] for g in groups}


def current_entries(groups: list[Group]) -> list[str]:
    """The entries marked current, checking that class and aria-current agree."""
    links = [link for g in groups for link in g.links]
    for link in links:
        assert link.active == (link.aria_current == "page"), link
    return [link.label for link in links if link.aria_current == "page"]


def current_groups(groups: list[Group]) -> list[str]:
    return [g.label for g in groups if g.current]


def test_only_the_closest_menu_entry_is_current(strategist_client):
    plans = menu(strategist_client, "followups:plan_list")
    assert current_entries(plans) == ["Planering"]
    assert current_groups(plans) == ["Planering"]
    followups = menu(strategist_client, "followups:followup_list")
    assert current_entries(followups) == ["Uppföljningar"]
    assert current_groups(followups) == ["Uppföljning"]
    # The risk page is Planning's, not the follow-ups' whose address /followups/ it shares.
    risk = menu(strategist_client, "followups:risk")
    assert current_entries(risk) == ["Riskanalys"]
    assert current_groups(risk) == ["Planering"]
    coverage = menu(strategist_client, "followups:coverage")
    assert current_entries(coverage) == ["Täckning särskild uppföljning"]
    assert current_groups(coverage) == ["Planering"]
    # A page below an entry's address is still that entry's: a new deviation is reported.
    report = menu(strategist_client, "followups:deviation_add")
    assert current_entries(report) == ["Rapportera avvikelse"]
    assert current_groups(report) == ["Uppföljning"]


def test_a_page_outside_the_menu_has_no_current_entry(strategist_client):
    start = menu(strategist_client)
    assert current_entries(start) == []
    assert current_groups(start) == []


def test_the_current_group_says_so_to_screen_readers_too(strategist_client):
    response = strategist_client.get(reverse("followups:plan_list"))
    parser = MenuParser()
    parser.feed(response.content.decode())
    assert parser.hidden_text.strip() == "(innehåller sidan du är på)"
    response = strategist_client.get(reverse("dashboard"))
    assert "innehåller sidan du är på" not in response.content.decode()


def test_a_single_current_entry_is_a_plain_link_marked_current(client, board_reader):
    client.force_login(board_reader)
    groups = menu(client, "reports:report_list")
    assert current_entries(groups) == ["Rapporter"]
    assert not any(g.button for g in groups)


STRATEGIST_MENU = {
    "Register": [
        "Ramavtal",
        "Leverantörer",
        "Verksamheter",
        "Avtal",
        "Uteslutningar",
        "Inköp",
        "Importera filer",
    ],
    "Avrop": ["Avropskontroll", "Logg över avropskontroller"],
    "Uppföljning": ["Uppföljningar", "Kontroller", "Avvikelser", "Rapportera avvikelse"],
    "Planering": ["Planering", "Riskanalys", "Täckning särskild uppföljning", "Kontrollregler"],
    "Rapporter": ["Rapporter"],
    "Mitt skrivbord": ["Mitt skrivbord", "Uppgifter", "Mina rapporter"],
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("strategist", STRATEGIST_MENU),
        ("superuser", STRATEGIST_MENU),
        (
            "coordinator",
            {
                "Register": ["Ramavtal", "Leverantörer", "Verksamheter", "Avtal", "Uteslutningar"],
                "Avrop": ["Avropskontroll", "Logg över avropskontroller"],
                "Uppföljning": [
                    "Uppföljningar",
                    "Kontroller",
                    "Avvikelser",
                    "Rapportera avvikelse",
                ],
                "Täckning särskild uppföljning": ["Täckning särskild uppföljning"],
                "Mitt skrivbord": ["Mitt skrivbord", "Mina rapporter"],
            },
        ),
        (
            "caseworker",
            {
                "Register": ["Ramavtal", "Leverantörer", "Verksamheter"],
                "Avropskontroll": ["Avropskontroll"],
                "Rapportera avvikelse": ["Rapportera avvikelse"],
                "Mina rapporter": ["Mina rapporter"],
            },
        ),
        ("board_reader", {"Rapporter": ["Rapporter"]}),
    ],
)
def test_each_role_sees_only_its_groups_and_entries(client, user_with_role, role, expected):
    client.force_login(user_with_role(role))
    groups = menu(client)
    assert outline(groups) == expected
    # A group with one entry is that entry's link; a group with more is a menu button.
    for group in groups:
        assert group.button == (len(group.links) > 1), group
    # Every entry opens for the role that sees it.
    for link in (link for g in groups for link in g.links):
        assert client.get(link.href).status_code == 200, link


def test_a_caseworker_does_not_see_planning_and_the_board_sees_reports(
    client, caseworker, board_reader
):
    client.force_login(caseworker)
    labels = {link.label for g in menu(client) for link in g.links}
    assert "Planering" not in labels and "Täckning särskild uppföljning" not in labels
    assert "Rapporter" not in labels
    client.force_login(board_reader)
    assert "Rapporter" in outline(menu(client))


def test_anonymous_users_get_no_menu(rf):
    request = rf.get("/login/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert navigation.navigation(request) == {}


def test_the_context_keeps_the_users_role_labels(strategist):
    request = RequestFactory().get("/")
    request.user = strategist
    context = navigation.navigation(request)
    assert [str(label) for label in context["user_role_labels"]] == ["Strateg"]


def test_every_menu_text_has_a_swedish_translation():
    texts = [*navigation.GROUPS.values(), *(entry.label for entry in navigation.entries())]
    with translation.override("en"):
        english = [str(text) for text in texts]
    with translation.override("sv"):
        swedish = [str(text) for text in texts]
    same = {en for en, sv in zip(english, swedish, strict=True) if en == sv}
    assert same == {"Register"}  # the same word in both languages


# --- the registry ----------------------------------------------------------------------


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the real one is put back afterwards."""
    monkeypatch.setattr(navigation, "_entries", {})
    return navigation


def test_registering_twice_is_harmless_and_a_clash_is_an_error(registry):
    registry.register_entry(registry.REPORTS, "Rapporter", "reports:report_list", "a.b")
    registry.register_entry(registry.REPORTS, "Rapporter", "reports:report_list", "a.b")
    assert len(registry.entries()) == 1
    with pytest.raises(ValueError, match="already in the menu"):
        registry.register_entry(registry.PLANNING, "Annat", "reports:report_list", "a.b")
    with pytest.raises(ValueError, match="Unknown menu group"):
        registry.register_entry("admin", "Admin", "admin:index", "a.b")


def test_entries_sort_by_group_then_order_then_registration(registry):
    registry.register_entry(registry.MY_DESK, "D", "d", "p", order=1)
    registry.register_entry(registry.REGISTER, "B", "b", "p", order=20)
    registry.register_entry(registry.REGISTER, "A", "a", "p", order=10)
    registry.register_entry(registry.REGISTER, "C", "c", "p", order=20)
    assert [e.label for e in registry.entries()] == ["A", "B", "C", "D"]


def test_an_entry_needs_its_permission_and_an_address(registry, strategist):
    registry.register_entry(registry.REPORTS, "Rapporter", "reports:report_list", "x.nobody")
    registry.register_entry(
        registry.REPORTS, "Någon av två", "followups:desk", ("x.nobody", "followups.view_followup")
    )
    registry.register_entry(registry.REPORTS, "Borta", "nowhere:page", "followups.view_followup")
    groups = registry.menu_for(strategist, "/")
    assert [(g.key, [link.label for link in g.links]) for g in groups] == [
        ("reports", ["Någon av två"])
    ]


def test_running_the_apps_ready_again_adds_no_entries():
    before = navigation.entries()
    for label in ("uppfoljning", "suppliers", "followups", "reports"):
        apps.get_app_config(label).ready()
    assert navigation.entries() == before
