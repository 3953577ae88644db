"""A new user signs up, verifies their address, asks for an affiliation and becomes a delegate."""

import re

import pytest
from django.core import mail

from copportal.accounts.models import Affiliation

from ..factories import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_verify_affiliate_and_become_a_delegate(
    browser_page, organization, secretariat, settings
):
    page = browser_page
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Full name").fill("Maria Santos")
    page.get_by_label("Email").fill("maria@example.org")
    page.locator("#id_password1").fill("a sturdy passphrase 2024")
    page.locator("#id_password2").fill("a sturdy passphrase 2024")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")

    # The verification link from the mail.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Signed in on confirmation; ask for an affiliation.
    page.goto("/accounts/me/")
    assert "You are not a delegate yet" in page.content()
    page.get_by_label("Organization", exact=True).select_option(label="Philippines")
    page.get_by_label("Your function").fill("Counsellor")
    page.get_by_role("button", name="Send the request").click()
    assert "Your request is sent" in page.content()
    assert Affiliation.objects.get(user__email="maria@example.org").status == "pending"

    # The secretariat approves it.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(secretariat.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/secretariat/affiliations/")
    card = page.get_by_role("article").filter(has_text="Maria Santos")
    card.get_by_role("button", name="Approve").click()
    assert "is now a delegate of Philippines" in page.content()

    # The user sees they are a delegate.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("maria@example.org")
    page.locator("#id_password").fill("a sturdy passphrase 2024")
    page.get_by_role("button", name="Sign In").click()
    page.goto("/accounts/me/")
    assert "Delegate of Philippines" in page.content()
