"""The compiled catalogues say what their .po files say: a .mo left behind by a merge (or
by compilemessages, which skips a .mo newer than its .po) shows users English."""

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in settings.BASE_DIR.glob("**/locale/sv/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_every_app_has_a_catalogue():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize(
    "po_path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR).parts[0])
)
def test_the_compiled_catalogue_holds_every_translation(po_path):
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    stale = [
        entry.msgid
        for entry in polib.pofile(str(po_path))
        if entry.translated()
        and not entry.obsolete
        and compiled.get((entry.msgctxt, entry.msgid)) != (entry.msgstr or entry.msgstr_plural)
    ]
    assert stale == [], f"run msgfmt -o {po_path.with_suffix('.mo')} {po_path}"
