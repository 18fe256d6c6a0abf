"""A person registers in Chromium with JavaScript off, on the whole site with its worker
(tests/registrations/stack.py): confirms from the email the SMTP server received, gets the
reminder when its moment comes, follows the join link, cancels, and their data is gone."""

import re

from tests.registrations.smtp import text_of
from tests.registrations.stack import COUNTS, DUE_NOW, MAKE_EVENT

#: The meeting's address: a page of the stack itself stands in for the meeting platform, so
#: that nothing leaves the machine (Playwright does not route the target of a redirect).
MEETING = "/time-zone/?meeting=5550002&pwd=BROWSERSECRET"


def link(message, prefix, base):
    return next(u for u in re.findall(r"\S+", text_of(message)) if u.startswith(base + prefix))


def test_register_confirm_remind_join_cancel_without_javascript(browser, registration_stack,
                                                                 tmp_path):  # fmt: skip
    stack = registration_stack
    join_url = stack.url + MEETING
    event = stack.python(MAKE_EVENT.format(title="Browser webinar", join_url=join_url))
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{stack.url}/events/{event['slug']}/")
        assert "BROWSERSECRET" not in page.content()
        page.get_by_role("link", name="Register").click()
        assert page.locator("h1").inner_text() == "Register"
        page.get_by_label("Full name", exact=True).fill("Maile Fonua")
        page.get_by_label("Email", exact=True).fill("maile@example.org")
        page.get_by_label("Organisation (optional)", exact=True).fill("Ministry of Finance")
        page.get_by_label("Country", exact=True).select_option("TO")
        page.get_by_label("Your time zone").select_option("Pacific/Tongatapu")
        page.get_by_role("checkbox").check()
        page.screenshot(path=tmp_path / "register-375.png", full_page=True)
        already = len(stack.inbox.messages)
        page.get_by_role("button", name="Register").click()
        assert page.locator("h1").inner_text() == "Check your email"

        confirm_mail = stack.inbox.wait_for(already + 1)[already]
        page.goto(link(confirm_mail, "/registrations/confirm/", stack.url))
        assert page.locator("h1").inner_text() == "You are registered"
        welcome = stack.inbox.wait_for(already + 2)[already + 1]
        assert welcome["Subject"] == "You are registered: Browser webinar"

        stack.python(DUE_NOW)  # the day before the webinar comes
        reminder = stack.inbox.wait_for(already + 3)[already + 2]
        assert reminder["Subject"] == "Reminder: Browser webinar"

        page.goto(link(reminder, "/join/", stack.url))
        assert page.url == join_url

        page.goto(link(reminder, "/registrations/", stack.url))
        assert page.locator("dd").nth(1).inner_text() == "maile@example.org"
        page.get_by_role("button", name="Cancel my registration and delete my details").click()
        assert page.locator("h1").inner_text() == "Registration cancelled"
        assert stack.python(COUNTS) == {"registrations": 0, "emails": 0, "joins": 0}
    finally:
        context.close()


def test_time_zone_field_takes_the_devices_zone_with_javascript(browser, registration_stack):
    stack = registration_stack
    event = stack.python(MAKE_EVENT.format(title="Zone webinar", join_url=""))
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    try:
        page.goto(f"{stack.url}/events/{event['slug']}/register/")
        assert page.get_by_label("Your time zone", exact=True).input_value() == "Asia/Tokyo"
    finally:
        context.close()
