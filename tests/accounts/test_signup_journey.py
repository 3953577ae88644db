"""A new user signs up, verifies their address, asks for an affiliation and becomes a delegate."""

import re

import pytest
from django.core import mail

from copportal.accounts.models import Affiliation

from ..browser import click_and_wait, sign_in, sign_out


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_verify_affiliate_and_become_a_delegate(
    browser_page, organization, secretariat, settings
):
    page = browser_page
    page.goto("/")
    click_and_wait(page, page.get_by_role("link", name="Sign up"))
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
    click_and_wait(page, page.get_by_role("button", name="Confirm"))

    # Signed in on confirmation; ask for an affiliation.
    page.goto("/accounts/me/")
    assert "You are not a delegate yet" in page.content()
    page.get_by_label("Organization", exact=True).select_option(label="Philippines")
    page.get_by_label("Your function").fill("Counsellor")
    click_and_wait(page, page.get_by_role("button", name="Send the request"))
    assert "Your request is sent" in page.content()
    assert Affiliation.objects.get(user__email="maria@example.org").status == "pending"

    # The secretariat approves it.
    sign_out(page)
    sign_in(page, secretariat.email)
    page.goto("/secretariat/affiliations/")
    card = page.get_by_role("article").filter(has_text="Maria Santos")
    click_and_wait(page, card.get_by_role("button", name="Approve"))
    assert "is now a delegate of Philippines" in page.content()

    # The user sees they are a delegate.
    sign_out(page)
    sign_in(page, "maria@example.org", "a sturdy passphrase 2024")
    page.goto("/accounts/me/")
    assert "Delegate of Philippines" in page.content()
