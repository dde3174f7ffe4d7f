"""Read an edit page's form as a browser would submit it, so a test can open a form in one
session, change a field and post it later, as two people at two desks do."""

from html.parser import HTMLParser

from django.test import Client

from uppfoljning.core.forms import VERSION_FIELD


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            else:
                self._add(name, a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_data(client, url) -> dict:
    """The fields of the page's forms as a browser would post them (one value or a list)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return page_form_data(response.content.decode())


def page_form_data(page: str) -> dict:
    parser = _FormFields()
    parser.feed(page)
    data = {}
    for name, values in parser.data.items():
        if name == "csrfmiddlewaretoken":
            continue
        data[name] = values[0] if len(values) == 1 else values
    # A textarea's first newline is not part of its value.
    return {k: (v[1:] if isinstance(v, str) and v.startswith("\n") else v) for k, v in data.items()}


def has_version(data: dict) -> bool:
    return bool(data.get(VERSION_FIELD))


STALE = "Någon annan har sparat medan du redigerade, så inget har sparats."


def second_save_is_refused(url, first, second, change_first, change_second, changed_label):
    """Two people open the edit form; the first saves `change_first`, then the second's save
    of `change_second` is refused, naming `changed_label`, with the second's input still in
    the form; the second then reloads the page and saves. Returns the refusal page."""
    a, b = Client(), Client()
    a.force_login(first)
    b.force_login(second)
    form_a, form_b = form_data(a, url), form_data(b, url)
    assert has_version(form_a) and has_version(form_b)
    response = a.post(url, {**form_a, **change_first})
    assert response.status_code == 302, response.content.decode()[-3000:]
    response = b.post(url, {**form_b, **change_second})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert f"{changed_label}: " in page, page[page.find(STALE) : page.find(STALE) + 1500]
    shown = page_form_data(page)
    for name, value in change_second.items():
        assert shown[name] == value, name
    # What the first saved is shown now in the field the second left alone.
    for name, value in change_first.items():
        if name not in change_second:
            assert shown[name] == value, name
    refusal = page
    fresh = form_data(b, url)
    for name, value in change_first.items():
        assert fresh[name] == value, name
    response = b.post(url, {**fresh, **change_second})
    assert response.status_code == 302, response.content.decode()[-3000:]
    return refusal


def opened_version(client, url) -> dict:
    """The version field of the edit form as `client` opens it now, to add to a post."""
    return {VERSION_FIELD: form_data(client, url)[VERSION_FIELD]}
