"""The main menu in the browser: one row on a laptop, the toggler on a phone, keyboard works."""

import re

from playwright.sync_api import expect

from tests.factories import UserFactory

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# The top of every part of the expanded navbar: brand, each group, the user's name, the link to
# two-step verification, log out.
ROW_TOPS = """() => {
  const nav = document.querySelector('nav.navbar');
  const parts = [
    nav.querySelector('.navbar-brand'),
    ...nav.querySelectorAll('#main-nav > .navbar-nav > li'),
    nav.querySelector('#user-menu'),
  ];
  return {
    navbar: nav.getBoundingClientRect().height,
    parts: parts.map(el => {
      const r = el.getBoundingClientRect();
      return {text: el.textContent.trim().replace(/\\s+/g, ' '), top: r.top, bottom: r.bottom};
    }),
  };
}"""


def _strategist(login):
    UserFactory(
        username="strateg", first_name="Karin", last_name="Allard-Lindqvist", role="strategist"
    )
    login("strateg")


def test_the_strategists_menu_fits_one_row_at_1366_and_folds_on_a_phone(page, login, tmp_path):
    page.set_viewport_size(LAPTOP)
    _strategist(login)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    groups = ["Register", "Avrop", "Uppföljning", "Planering", "Mitt skrivbord"]
    for group in groups:
        expect(menu.get_by_role("button", name=group)).to_be_visible()
    expect(menu.get_by_role("link", name="Rapporter", exact=True)).to_be_visible()

    # On the plans page the Planning group is bold and underlined: still one row.
    page.goto("/followups/plans/")
    row = page.evaluate(ROW_TOPS)
    assert row["navbar"] < 70, row
    middles = [(p["top"] + p["bottom"]) / 2 for p in row["parts"]]
    assert len(middles) == 1 + 6 + 1, row
    # Brand, groups and the account's menu (name, password, two-step, logout) in a row.
    assert max(middles) - min(middles) < 12, row
    groups_tops = {round(p["top"]) for p in row["parts"][1:7]}
    assert len(groups_tops) == 1, row
    expect(page.locator(".navbar-toggler")).to_be_hidden()
    page.screenshot(path=tmp_path / "menu-1366.png")

    # An open group drops down over the page and stays inside the window.
    menu.get_by_role("button", name="Register").click()
    entries = page.locator("#main-nav .dropdown-menu.show")
    expect(entries).to_be_visible()
    box = entries.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"]
    page.screenshot(path=tmp_path / "menu-1366-open.png")

    # On a phone the menu folds into the toggler and nothing runs off the side.
    page.set_viewport_size(PHONE)
    toggler = page.get_by_role("button", name="Visa meny")
    expect(toggler).to_be_visible()
    expect(menu.get_by_role("button", name="Register")).to_be_hidden()
    page.screenshot(path=tmp_path / "menu-390.png")
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))  # unfolded
    planning = menu.get_by_role("button", name="Planering")
    expect(planning).to_be_visible()
    planning.click()
    expect(menu.get_by_role("link", name="Planering", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=tmp_path / "menu-390-open.png", full_page=True)


def _tab_to_button(page, name, limit=40):
    """Press Tab until a button whose text starts with `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        tag, text = page.evaluate(
            "[document.activeElement.tagName, document.activeElement.textContent.trim()]"
        )
        if tag == "BUTTON" and text.startswith(name):
            return
    raise AssertionError(f"Tab never reached the button {name!r}")


def test_a_menu_opens_and_an_entry_is_followed_by_keyboard_only(page, login):
    page.set_viewport_size(LAPTOP)
    _strategist(login)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    group = menu.get_by_role("button", name="Uppföljning")
    entries = group.locator("xpath=following-sibling::ul")

    # The skip link comes first.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()

    _tab_to_button(page, "Uppföljning")
    expect(group).to_be_focused()
    expect(group).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(group).to_have_attribute("aria-expanded", "true")
    expect(entries).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("link", name="Uppföljningar")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("link", name="Kontroller")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(menu.get_by_role("link", name="Uppföljningar")).to_be_focused()

    # Esc closes the menu and gives the focus back to its button.
    page.keyboard.press("Escape")
    expect(entries).to_be_hidden()
    expect(group).to_have_attribute("aria-expanded", "false")
    expect(group).to_be_focused()

    # Space opens it too; the arrows reach the deviations and Enter follows the link.
    page.keyboard.press("Space")
    expect(entries).to_be_visible()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("link", name="Avvikelser")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/followups/deviations/$"))

    current = menu.locator('[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text("Avvikelser")
    expect(current).to_have_class(re.compile(r"\bactive\b"))
    expect(menu.get_by_role("button", name="Uppföljning")).to_have_class(
        re.compile(r"\bnav-group-current\b")
    )
    # Tabbing out of an open menu closes it.
    menu.get_by_role("button", name="Register").focus()
    page.keyboard.press("Enter")
    register_entries = menu.locator("#nav-group-register + ul")
    expect(register_entries).to_be_visible()
    _tab_to_button(page, "Mitt skrivbord")
    expect(register_entries).to_be_hidden()
