"""The main menu: a few fixed groups by task, filled by the packages that own the pages.

Each package declares its entries next to its views and its grants, in its
`permissions.py`, and `collect_menu()` registers them when the apps are ready:

    from uppfoljning.core.navigation import PLANNING, Entry

    MENU = [
        Entry(PLANNING, _("Planning"), "followups:plan_list", "followups.view_followupplan", 10),
    ]

`permission` is one permission or a tuple of alternatives (any one of them will do).
Registering is idempotent (ready() may run more than once in tests); registering another
entry for an address already in the menu is an error. The context processor
`navigation(request)` builds the menu the user may see: an entry shows only when the user
has its permission and its address reverses, a group only when it has an entry to show.
The one entry closest to the page (the longest address the page's path starts with) is
current, and so is its group.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from .roles import ROLE_LABELS, permission_modules, user_roles

# The groups, in menu order. Keep them few (the menu must fit one row) and by task.
REGISTER = "register"
CALL_OFF = "call_off"
FOLLOW_UP = "follow_up"
PLANNING = "planning"
REPORTS = "reports"
MY_DESK = "my_desk"

GROUPS: dict[str, Promise] = {
    REGISTER: pgettext_lazy("main menu group", "Register"),
    CALL_OFF: pgettext_lazy("main menu group", "Call-off"),
    FOLLOW_UP: pgettext_lazy("main menu group", "Follow-up"),
    PLANNING: pgettext_lazy("main menu group", "Planning"),
    REPORTS: pgettext_lazy("main menu group", "Reports"),
    MY_DESK: pgettext_lazy("main menu group", "My desk"),
}


@dataclass(frozen=True)
class Entry:
    group: str
    label: Promise | str
    url_name: str
    permission: str | tuple[str, ...]
    order: int = 100

    def visible_to(self, user) -> bool:
        perms = (self.permission,) if isinstance(self.permission, str) else self.permission
        return any(user.has_perm(perm) for perm in perms)


# Keyed by url name: one entry per page.
_entries: dict[str, Entry] = {}


def register_entry(
    group: str,
    label: Promise | str,
    url_name: str,
    permission: str | tuple[str, ...],
    *,
    order: int = 100,
) -> Entry:
    """Add a page to a menu group; entries sort by `order`, then by registration."""
    if group not in GROUPS:
        raise ValueError(f"Unknown menu group {group!r}; use one of {', '.join(GROUPS)}.")
    if not isinstance(permission, str):
        permission = tuple(permission)
    entry = Entry(group, label, url_name, permission, order)
    known = _entries.setdefault(url_name, entry)
    if known != entry:
        raise ValueError(f"{url_name!r} is already in the menu: {known!r}.")
    return known


def collect_menu() -> None:
    """Register the MENU of every package's permissions.py (idempotent)."""
    for module in permission_modules():
        for entry in getattr(module, "MENU", ()):
            register_entry(
                entry.group, entry.label, entry.url_name, entry.permission, order=entry.order
            )


def entries() -> list[Entry]:
    """Every registered entry, in group and menu order (whoever the user is)."""
    rank = {key: i for i, key in enumerate(GROUPS)}
    return sorted(_entries.values(), key=lambda e: (rank[e.group], e.order))


@dataclass
class MenuLink:
    label: Promise | str
    url: str
    current: bool = False


@dataclass
class MenuGroup:
    key: str
    label: Promise | str
    links: list[MenuLink] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)

    @property
    def single(self) -> MenuLink | None:
        """A group with one link to show is shown as that link, not as a one-item menu."""
        return self.links[0] if len(self.links) == 1 else None


def menu_for(user, path: str) -> list[MenuGroup]:
    groups = {key: MenuGroup(key, label) for key, label in GROUPS.items()}
    for entry in entries():
        if not entry.visible_to(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        groups[entry.group].links.append(MenuLink(entry.label, url))
    visible = [group for group in groups.values() if group.links]
    # Only the closest entry is current: /followups/plans/ is Planning, not Follow-ups too.
    candidates = [link for g in visible for link in g.links if path.startswith(link.url)]
    if candidates:
        max(candidates, key=lambda link: len(link.url)).current = True
    return visible


def navigation(request):
    """Context processor: `nav_groups` and `user_role_labels` for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_groups": menu_for(user, request.path),
        "user_role_labels": [ROLE_LABELS[r] for r in user_roles(user)],
    }
