"""No database constraint's name ever reaches a page.

Django shows a constraint's own message when a form or full_clean() finds it violated, and its
default message names the constraint ("Constraint “…” is violated."). So every constraint
whose message Django would show says what is wrong in words, and the forms where one can
fire are posted with the violating input.
"""

import datetime

import pytest
from django.apps import apps
from django.db.models import CheckConstraint, UniqueConstraint
from django.forms import modelform_factory
from django.urls import reverse

from copportal.accounts.models import Affiliation, Organization
from meetings.models import Meeting
from resources.models import HelplineEntry

PROJECT_APPS = {"accounts", "contributions", "meetings", "notifications", "resources"}


def _constraints():
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            for constraint in model._meta.constraints:
                yield model, constraint


NAMES = sorted({constraint.name for _model, constraint in _constraints()})


def _shows_its_message(constraint) -> bool:
    """Whether Django shows get_violation_error_message() (an unconditional unique constraint
    on fields says "… with this … already exists" instead)."""
    if isinstance(constraint, CheckConstraint):
        return True
    assert isinstance(constraint, UniqueConstraint)
    return bool(constraint.condition or constraint.expressions)


def _assert_no_name(text: str) -> None:
    leaked = [name for name in NAMES if name in text]
    assert leaked == [], f"constraint names on the page: {leaked}"


def test_the_project_has_constraints_to_check():
    assert "affiliation_names_an_organization" in NAMES
    assert sum(1 for _ in _constraints()) >= 10


@pytest.mark.parametrize(
    ("model", "constraint"),
    [pair for pair in _constraints() if _shows_its_message(pair[1])],
    ids=lambda value: getattr(value, "name", getattr(value, "__name__", "")),
)
def test_every_constraint_says_what_is_wrong_in_words(model, constraint):
    message = str(constraint.get_violation_error_message())
    assert constraint.name not in message
    assert message != str(constraint.default_violation_error_message) % {"name": ""}
    assert not message.startswith("Constraint")


@pytest.mark.django_db
class TestForms:
    def test_an_empty_organization_not_listed_request(self, client_for, outsider):
        url = reverse("accounts:affiliation_request")
        response = client_for(outsider).post(url, {"proposed_name": "", "organization": ""})
        text = response.content.decode()
        _assert_no_name(text)
        assert "Choose your organization from the list, or name it" in text
        assert not Affiliation.objects.filter(user=outsider).exists()

    def test_a_second_request_for_the_same_organization(self, client_for, outsider, organization):
        url = reverse("accounts:affiliation_request")
        client = client_for(outsider)
        assert client.post(url, {"organization": organization.pk}).status_code == 302
        response = client.post(url, {"organization": organization.pk})
        text = response.content.decode()
        _assert_no_name(text)
        assert "You already have a request or an affiliation for this organization." in text
        assert Affiliation.objects.filter(user=outsider).count() == 1

    def test_a_helpline_without_number_or_link(self, client_for, secretariat, organization):
        response = client_for(secretariat).post(
            reverse("resources:helpline_create"),
            {
                "country": organization.pk,
                "name": "A helpline (test data)",
                "number": "",
                "link": "",
                "source_url": "https://example.org/directory",
                "source_date": "2026-01-05",
            },
        )
        text = response.content.decode()
        _assert_no_name(text)
        assert "Give the helpline&#x27;s number or its link" in text
        assert not HelplineEntry.objects.exists()

    def test_a_meeting_that_closes_before_it_opens(self, client_for, chair):
        response = client_for(chair).post(
            "/meetings/new/",
            {
                "number": "30",
                "start_date": "2026-03-02",
                "end_date": "2026-03-01",
                "duration_days": "1",
                "time_zone": "Europe/Zurich",
                "mode": "virtual",
                "original_language": "en",
                "sessions-TOTAL_FORMS": "0",
                "sessions-INITIAL_FORMS": "0",
            },
        )
        text = response.content.decode()
        _assert_no_name(text)
        assert "The meeting cannot close before it opens." in text
        assert not Meeting.objects.filter(number=30).exists()

    def test_a_member_state_without_region_or_code_in_a_model_form(self):
        # The admin's form is a ModelForm like this one: it shows the model's message.
        form_class = modelform_factory(Organization, fields=["kind", "name", "iso_code", "region"])
        form = form_class({"kind": "member-state", "name": "Nowhere", "iso_code": "", "region": ""})
        assert not form.is_valid()
        text = " ".join(str(error) for errors in form.errors.values() for error in errors)
        _assert_no_name(text)
        assert "A Member State needs its ITU region" in text

    def test_a_meeting_model_form_checks_its_dates_in_words(self):
        form_class = modelform_factory(
            Meeting, fields=["number", "start_date", "end_date", "time_zone", "mode"]
        )
        opens = datetime.date(2026, 3, 2)
        form = form_class(
            {
                "number": "77",
                "start_date": opens,
                "end_date": opens - datetime.timedelta(days=1),
                "time_zone": "Europe/Zurich",
                "mode": "virtual",
            }
        )
        assert not form.is_valid()
        _assert_no_name(str(form.errors))
        assert "The meeting cannot close before it opens." in str(form.errors)
