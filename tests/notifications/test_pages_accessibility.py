"""axe-core finds no violation on the notification pages: choices, unsubscribe, log, reminders."""

import pytest
from django.core.management import call_command


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_notification_pages_have_no_axe_violations(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    from copportal.accounts.models import User
    from copportal.accounts.seeds import DEMO_PASSWORD
    from copportal.notifications import services

    call_command("load_seeds", verbosity=0)
    delegate = User.objects.get(email="delegate@example.org")
    token = services.unsubscribe_token(kind="deadline-reminder", user=delegate)
    services.notify(
        kind="agenda-released",
        key="agenda:99:1",
        recipients=[services.Recipient(user=delegate)],
        context={"meeting_number": 99, "version": 1, "changes": [], "path": "/meetings/99/"},
    )
    pages = {
        None: [f"/notifications/unsubscribe/{token}/", "/notifications/unsubscribe/forged/"],
        "delegate@example.org": ["/notifications/", "/fr/notifications/"],
        "secretariat@example.org": ["/notifications/log/"],
        "chair@example.org": ["/notifications/meetings/99/reminders/"],
    }
    axe = Axe()
    problems = {}
    for email, urls in pages.items():
        browser_page.context.clear_cookies()
        if email:
            browser_page.goto("/accounts/login/")
            browser_page.fill("#id_login", email)
            browser_page.fill("#id_password", DEMO_PASSWORD)
            browser_page.get_by_role("button", name="Sign In").click()
            browser_page.wait_for_url("**/contributions/mine/")  # sign-in lands on the dashboard
        for url in urls:
            browser_page.goto(url)
            results = axe.run(browser_page)
            if results.violations_count:
                problems[f"{email} {url}"] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())
