"""The URLconf as the tests that walk every page see it: each named url pattern, and the
objects its path parameters take.

Shared by the criminal-record crawl (tests/uppfoljning/test_criminal_record_crawl.py), the
access matrix (tests/security/test_access_matrix.py) and the CSRF test
(tests/security/test_csrf.py), so a new page is walked by all three from the day it exists.

A new url pattern with path parameters needs a row in OBJECTS (or a name prefix matching one):
the kind of object its parameter takes, i.e. the model's `model_name`, or a key of VALUES for a
parameter that is not a primary key. The tests fail, naming it, until it has one.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from followups.models import CheckKind

# For each url name with path parameters: the kind of object each parameter takes.
OBJECTS = {
    "suppliers:board": "board",
    "suppliers:agreement": "frameworkagreement",
    "suppliers:supplier": "supplier",
    "suppliers:unit": "unit",
    "suppliers:representative": "representative",
    "suppliers:contract": "contract",
    "suppliers:purchase": "purchase",
    "suppliers:exclusion": "exclusion",
    "followups:check_add_kind": "kind",
    "followups:check": "check",
    "followups:controlrule": "controlrule",
    "followups:workitem": "workitem",
    "followups:control_round": "workitem",
    "followups:followup": "followup",
    "followups:assessment_grid": "followup",
    "followups:survey_add": "followup",
    "followups:interview_add": "followup",
    "followups:documentrequest_add": "followup",
    "followups:visit_add": "followup",
    "followups:finding_add": "followup",
    "followups:survey_areas": "survey",
    "followups:finding": "finding",
    "followups:deviation": "deviation",
    "followups:feed": "feedimport",
    "followups:plan_entry": "plannedfollowup",
    "followups:plan": "followupplan",
    "reports:report": "report",
    "reports:job_status": "reportjob",
    "reports:file_download": "reportfile",
    "calloff:supplier_status": "supplier",
    "calloff:unit_status": "unit",
    "calloff:order": "frameworkagreement",
    "calloff:log_detail": "placementcheck",
    # The admin's pages that the access matrix opens (the crawl reads the admin by its models).
    "admin:suppliers_supplier": "supplier",
    "admin:app_list": "app_label",
    # A password reset link: the account (base64 of its id) and a token.
    "password_reset_confirm": "reset_link",
}

# Path parameters that are not a primary key: (a real value, a value that names nothing, or
# None where no such address can be written: the admin's app labels are a regex of the apps).
# A value that is a tuple fills several parameters. A reset link's token is never known to the
# tests ahead, so both links are ones the page answers "no longer valid" (to anyone).
VALUES = {
    "kind": (CheckKind.IVO.value, "no_such_kind"),
    "app_label": ("suppliers", None),
    "reset_link": (("MQ", "ogiltig-token"), ("OTk5OTk5OTk5", "ogiltig-token")),
}

# An id no table of the tests reaches (and within PostgreSQL's integer range).
MISSING_PK = 999_999_999


@dataclass(frozen=True)
class Route:
    """One named url pattern: its name for reverse(), its route and its view."""

    name: str
    route: str
    pattern: URLPattern

    @property
    def params(self) -> list[str]:
        # The named groups of its regex: a route's <converter:name>s, a re_path's (?P<name>).
        return list(self.pattern.pattern.regex.groupindex)

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")

    @property
    def view_class(self):
        """The class of a class-based view (None for a function view, e.g. the admin's)."""
        return getattr(self.pattern.callback, "view_class", None)

    @property
    def kind(self) -> str | None:
        """The OBJECTS row of the url name: exact, or its longest prefix (e.g.
        "followups:check" for "followups:check_detail")."""
        return kind_of(self.name)

    def urls(self, objects: Mapping[str, list]) -> list[str]:
        """The route's address, or one per value of its kind in `objects` ({kind: [pk]})."""
        if not self.params:
            return [reverse(self.name)]
        return [
            reverse(self.name, args=list(value) if isinstance(value, tuple) else [value])
            for value in objects[self.kind]
            if value is not None
        ]


def _patterns(resolver, prefix="", namespace="") -> Iterator[tuple[str, str | None, URLPattern]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x)
            yield from _patterns(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name, p


def routes() -> list[Route]:
    """Every named url pattern of the URLconf, the admin's included, in its order."""
    return [Route(name, route, p) for route, name, p in _patterns(get_resolver()) if name]


def app_routes() -> list[Route]:
    """The app's own url patterns (not the admin's)."""
    return [r for r in routes() if not r.is_admin]


def kind_of(name: str) -> str | None:
    if name in OBJECTS:
        return OBJECTS[name]
    prefixes = [k for k in OBJECTS if name.startswith(k + "_")]
    return OBJECTS[max(prefixes, key=len)] if prefixes else None


def without_objects(some_routes) -> list[str]:
    """The names of routes with path parameters but no OBJECTS row."""
    return [r.name for r in some_routes if r.params and r.kind is None]


def model_of(kind: str):
    """The model whose `model_name` is `kind` (each kind in OBJECTS names exactly one)."""
    found = [m for m in apps.get_models() if m._meta.model_name == kind]
    assert len(found) == 1, f"OBJECTS kind {kind!r} names {len(found)} models"
    return found[0]


def first_objects(chosen: Mapping[str, object] | None = None) -> dict[str, list]:
    """{kind: [a real value]} for every kind of OBJECTS: the object `chosen` gives for the
    kind, else the one with the lowest pk."""
    chosen = chosen or {}
    objects = {}
    for kind in sorted(set(OBJECTS.values())):
        if kind in VALUES:
            objects[kind] = [chosen.get(kind, VALUES[kind][0])]
            continue
        obj = chosen.get(kind) or model_of(kind)._default_manager.order_by("pk").first()
        assert obj is not None, f"the test data has no {kind}"
        objects[kind] = [obj.pk]
    return objects


def missing_objects() -> dict[str, list]:
    """{kind: [a value that names nothing]} for every kind of OBJECTS."""
    return {
        kind: [VALUES[kind][1] if kind in VALUES else MISSING_PK] for kind in set(OBJECTS.values())
    }
