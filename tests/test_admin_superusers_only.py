"""The Django admin is for superusers only: the chair and the secretariat (staff, as the demo
accounts are) change nothing there; their portal pages go through the workflows.

Each case posts the admin form as a superuser fills it (read from the page a superuser gets,
with one field changed): the superuser's post changes the row, which shows the data is valid,
and the officers' same post changes nothing."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from copportal.accounts.models import CHAIR_GROUP, SECRETARIAT_GROUP
from meetings.models import LiaisonNote, Meeting
from resources import services
from resources.models import Resource

from .factories import MeetingFactory, UserFactory


class _Form(HTMLParser):
    """The fields of the admin's form as the browser would post them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            checkable = attrs.get("type") in {"checkbox", "radio"}
            if checkable and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if checkable else ""))
        elif tag == "select" and name:
            self._select, self._first, self._multiple = name, None, "multiple" in attrs
            self.data.setdefault(name, [])
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first is None:
                self._first = value
            if "selected" in attrs:
                self.data[self._select].append(value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A single choice with none selected: the browser sends the first option.
            if not self._multiple and not self.data[self._select] and self._first is not None:
                self.data[self._select].append(self._first)
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.setdefault(self._textarea, []).append(self._text.lstrip("\n"))
            self._textarea = None


def _form_of(client, url) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _Form()
    parser.feed(response.content.decode())
    return parser.data


@pytest.fixture
def superuser(db):
    user = UserFactory(email="root@example.org")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def officers(db):
    """The chair and the secretariat as the demo seeds make them: staff, not superusers."""
    people = []
    for email, group in (("c@example.org", CHAIR_GROUP), ("s@example.org", SECRETARIAT_GROUP)):
        user = UserFactory(email=email, roles=[group])
        user.is_staff = True
        user.save()
        people.append(user)
    return people


@pytest.fixture
def resource(db):
    return services.resource_create(
        by=None,
        publish=True,
        original_language="en",
        language="en",
        title_en="Guideline on age assurance",
        type=Resource.Type.GUIDELINE,
        published_on=datetime.date(2020, 6, 1),
    )


def _cases(resource, meeting):
    return [
        (
            reverse("admin:resources_resource_change", args=[resource.pk]),
            {"title_en": "Posted through the admin"},
            lambda: Resource.objects.get(pk=resource.pk).title_en,
        ),
        (
            reverse("admin:meetings_meeting_change", args=[meeting.pk]),
            {"venue": "Posted through the admin"},
            lambda: Meeting.objects.get(pk=meeting.pk).venue,
        ),
        (
            reverse("admin:meetings_liaisonnote_add"),
            {"subject_en": "Posted through the admin", "meeting": str(meeting.pk)},
            lambda: LiaisonNote.objects.filter(subject_en="Posted through the admin").count(),
        ),
    ]


def test_officers_change_nothing_in_the_admin_and_a_superuser_can(
    client, superuser, officers, resource
):
    meeting = MeetingFactory()
    for url, changes, current in _cases(resource, meeting):
        client.force_login(superuser)
        data = _form_of(client, url)
        for field, value in changes.items():
            assert field in data, f"{url} has no {field} field"
            data[field] = [value]
        before = current()
        for officer in officers:
            client.force_login(officer)
            page = client.get(url)
            assert page.status_code == 302 and "/admin/login/" in page["Location"]
            response = client.post(url, data)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
            assert current() == before, f"{officer.email} changed {url}"
        client.force_login(superuser)
        response = client.post(url, data)
        assert response.status_code == 302 and "/admin/login/" not in response["Location"], (
            url,
            response.context and response.context.get("errors"),
        )
        assert current() != before, f"the superuser's post did not change {url}"


def test_the_admin_index_is_closed_to_officers_and_open_to_superusers(client, superuser, officers):
    for officer in officers:
        client.force_login(officer)
        assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
