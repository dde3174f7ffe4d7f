"""Focus a keyboard user can see, the focus on the result after an action, and the icon."""

import re

from playwright.sync_api import expect

from tests.factories import UserFactory

# The focused element's ring and the colour behind it (the nearest ancestor with a background).
RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let ground = el.parentElement, bg = 'rgba(0, 0, 0, 0)';
  while (ground) {
    bg = getComputedStyle(ground).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(bg) && bg !== 'transparent') break;
    ground = ground.parentElement;
  }
  return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 30),
          style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor,
          ground: ground ? bg : 'rgb(255, 255, 255)'};
}"""


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _tab_to(page, predicate, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING)
        if predicate(ring):
            return ring
    raise AssertionError("Tab never reached the element")


def _assert_clear_ring(ring):
    # A solid ring of at least 2 px with 3:1 against what is behind it (WCAG 2.4.7, 1.4.11).
    assert ring["style"] == "solid", ring
    assert float(ring["width"].removesuffix("px")) >= 2, ring
    assert _contrast(ring["color"], ring["ground"]) >= 3, ring


def test_every_kind_of_control_shows_a_clear_focus_ring(page, login):
    page.goto("/login/")
    _assert_clear_ring(_tab_to(page, lambda r: r["tag"] == "INPUT"))  # a text field
    _assert_clear_ring(_tab_to(page, lambda r: r["tag"] == "BUTTON"))  # the login button

    UserFactory(username="strateg", role="strategist")
    login("strateg")
    # A menu button on the dark menu bar: a light ring, not a dark one.
    ring = _tab_to(page, lambda r: r["tag"] == "BUTTON" and r["text"].startswith("Register"))
    _assert_clear_ring(ring)
    # The language choice at the foot of the page: a select and a button.
    page.locator("#language-select").focus()
    page.keyboard.press("Tab")
    ring = page.evaluate(RING)
    assert ring["text"] == "Byt"
    _assert_clear_ring(ring)


def test_after_an_action_the_focus_is_on_its_message(page, login):
    UserFactory(username="strateg", role="strategist")
    login("strateg")
    page.goto("/followups/risk/")
    page.get_by_text("Visa och ändra vikterna").click()
    page.get_by_role("button", name="Spara vikter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/followups/risk/$"))
    message = page.locator("#messages")
    expect(message).to_contain_text("Vikterna sparades")
    expect(message).to_be_focused()
    _assert_clear_ring(page.evaluate(RING))
    # Tab goes on from the message into the page, not from the top of the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_every_page_has_an_icon_and_asks_for_nothing_that_is_missing(page, login):
    UserFactory(username="strateg", role="strategist")
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    login("strateg")
    page.goto("/followups/risk/")
    icons = page.locator("link[rel=icon]")
    expect(icons).to_have_count(2)
    for href in icons.evaluate_all("links => links.map(l => l.href)"):
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith("image/"), href
    assert failed == []
