"""Entries of a country's page: delegates of that country propose, the secretariat approves
or rejects with a reason, records directly and withdraws; only approved entries are public."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from copportal.notifications.models import Delivery
from resources.countries import services
from resources.countries.models import CountryEntry

from ..factories import AffiliationFactory

CHECKED = datetime.date(2025, 5, 2)
FORM = {
    "kind": "strategy",
    "original_language": "en",
    "title_en": "National COP strategy 2024-2028",
    "title_fr": "Stratégie nationale de protection en ligne des enfants",
    "url": "https://example.org/strategy.pdf",
    "source_url": "https://example.org/ministry",
    "date_checked": "2025-05-02",
}
NEW = "/countries/phl/entries/new/"


def _proposal(organization, delegate, title="Proposed strategy"):
    return services.country_entry_create(
        by=delegate, organization=organization, kind="strategy", title_en=title,
        source_text="Letter of the Ministry, 3 March 2025", date_checked=CHECKED,
    )  # fmt: skip


@pytest.fixture
def people(organization, delegate, other_delegate, secretariat, chair, outsider):
    return {
        "anonymous": None,
        "outsider": outsider,
        "other country's delegate": other_delegate,
        "chair": chair,
        "the country's delegate": delegate,
        "secretariat": secretariat,
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 403), ("other country's delegate", 403), ("chair", 403),
     ("the country's delegate", 200), ("secretariat", 200)],
)  # fmt: skip
def test_who_may_open_the_entry_form(client_for, people, who, status):
    response = client_for(people[who]).get(NEW)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["outsider", "other country's delegate", "chair"])
def test_others_cannot_post_an_entry(client_for, people, who):
    assert client_for(people[who]).post(NEW, FORM).status_code == 403
    assert not CountryEntry.objects.exists()
    with pytest.raises(PermissionDenied):
        services.country_entry_create(
            by=people[who], organization=people["the country's delegate"]
            .approved_organizations[0], kind="policy", title_en="X",
            source_text="Y", date_checked=CHECKED,
        )  # fmt: skip


def test_a_delegates_proposal_waits_for_the_secretariat(client_for, delegate):
    response = client_for(delegate).post(NEW, FORM, follow=True)
    entry = CountryEntry.objects.get()
    assert entry.status == "proposed" and entry.proposed_by == delegate
    assert entry.title_fr == FORM["title_fr"]
    assert "the secretariat will check the entry" in response.content.decode()
    assert [e.action for e in entry.events.all()] == ["proposed"]
    assert FORM["title_en"] not in client_for(None).get("/countries/phl/").content.decode()
    assert client_for(None).get(entry.get_absolute_url()).status_code == 404


def test_the_secretariat_records_an_entry_public_at_once(client_for, organization, secretariat):
    client_for(secretariat).post(NEW, {**FORM, "kind": "contact", "email": "cop@example.org"})
    entry = CountryEntry.objects.get()
    assert entry.status == "approved" and entry.decided_by == secretariat
    assert [e.action for e in entry.events.all()] == ["recorded"]
    page = client_for(None).get("/countries/phl/").content.decode()
    assert FORM["title_en"] in page and "cop@example.org" in page
    assert client_for(None).get(entry.get_absolute_url()).status_code == 200


def test_an_entry_needs_a_source_a_title_and_a_date_not_in_the_future(client_for, delegate):
    client = client_for(delegate)
    no_source = {k: v for k, v in FORM.items() if k != "source_url"}
    assert "Give the entry" in client.post(NEW, no_source).content.decode()
    no_title = {**FORM, "title_en": ""}
    assert "A title in the original language." in client.post(NEW, no_title).content.decode()
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    page = client.post(NEW, {**FORM, "date_checked": future}).content.decode()
    assert "cannot be later than today" in page
    assert not CountryEntry.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("outsider", 404), ("other country's delegate", 404), ("chair", 404),
     ("the country's delegate", 403)],
)  # fmt: skip
def test_only_the_secretariat_approves(client_for, people, organization, who, status):
    """A proposal is a 404 to whoever may not see it; its country's delegate sees it (403)."""
    entry = _proposal(organization, people["the country's delegate"])
    response = client_for(people[who]).post(f"/countries/entries/{entry.pk}/approve/")
    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.status == "proposed"


def test_the_secretariat_approves_and_the_proposer_is_mailed_once(
    client_for, organization, delegate, secretariat, django_capture_on_commit_callbacks
):
    entry = _proposal(organization, delegate)
    client = client_for(secretariat)
    assert entry.title_en in client.get("/countries/entries/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/countries/entries/{entry.pk}/approve/", follow=True)
    assert "The entry is approved" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.decided_by == secretariat
    assert entry.title_en in client_for(None).get("/countries/phl/").content.decode()
    (message,) = mail.outbox
    assert message.to == [delegate.email]
    assert message.subject == "[CWG-COP] Your entry for Philippines is approved"
    assert "/countries/phl/" in message.body
    assert Delivery.objects.count() == 1
    # Decided once: a second approval is refused with a message.
    response = client.post(f"/countries/entries/{entry.pk}/approve/", follow=True)
    assert "someone else acted first" in response.content.decode()


def test_a_rejection_needs_a_reason_which_the_proposer_sees(
    client_for, organization, delegate, secretariat, django_capture_on_commit_callbacks
):
    entry = _proposal(organization, delegate)
    client = client_for(secretariat)
    response = client.post(f"/countries/entries/{entry.pk}/reject/", {"reason": " "}, follow=True)
    assert "Give a reason" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "proposed"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/countries/entries/{entry.pk}/reject/", {"reason": "The link is dead."})
    entry.refresh_from_db()
    assert (entry.status, entry.reason) == ("rejected", "The link is dead.")
    assert "Reason: The link is dead." in mail.outbox[0].body
    own = client_for(delegate).get(entry.get_absolute_url()).content.decode()
    assert "The link is dead." in own
    assert entry.title_en not in client_for(None).get("/countries/phl/").content.decode()


def test_the_secretariat_withdraws_an_approved_entry(client_for, organization, secretariat):
    entry = services.country_entry_create(
        by=secretariat, organization=organization, kind="policy", title_en="Old policy",
        source_url="https://example.org/old", date_checked=CHECKED,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.country_entry_act(entry_id=entry.pk, action="withdraw", by=secretariat)
    client_for(secretariat).post(f"/countries/entries/{entry.pk}/withdraw/", {"reason": "Gone"})
    entry.refresh_from_db()
    assert entry.status == "withdrawn"
    assert "Old policy" not in client_for(None).get("/countries/phl/").content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 403), ("the country's delegate", 403), ("chair", 403),
     ("secretariat", 200)],
)  # fmt: skip
def test_who_may_see_the_queue(client_for, people, who, status):
    assert client_for(people[who]).get("/countries/entries/").status_code == status


def test_the_secretariats_dashboard_links_the_queue_and_the_chairs_does_not(
    client_for, organization, delegate, secretariat, chair
):
    _proposal(organization, delegate)
    page = client_for(secretariat).get("/contributions/mine/").content.decode()
    assert 'href="/countries/entries/"' in page and "(1 waiting)" in page
    assert (
        "/countries/entries/" not in client_for(chair).get("/contributions/mine/").content.decode()
    )


def test_the_decision_forms_need_the_csrf_token(organization, delegate, secretariat):
    entry = _proposal(organization, delegate)
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    assert client.post(f"/countries/entries/{entry.pk}/approve/").status_code == 403
    page = client.get(entry.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and "Approve" in page and "Reject" in page


def test_a_delegate_of_two_countries_proposes_for_either_only(client_for, organization, delegate):
    second = AffiliationFactory(
        user=delegate, organization__name="Fiji", organization__iso_code="FJI"
    )
    client = client_for(type(delegate).objects.get(pk=delegate.pk))
    assert client.get("/countries/fji/entries/new/").status_code == 200
    assert client.get("/countries/mwi/entries/new/").status_code == 404  # no such state here
    assert second.organization.iso_code == "FJI"


@pytest.mark.parametrize("prefix", ["/ar", "/zh-hans"])
def test_entry_pages_in_arabic_and_chinese(client_for, organization, delegate, prefix):
    entry = _proposal(organization, delegate, title="Strategy")
    entry.title_ar, entry.title_zh_hans = "الاستراتيجية الوطنية", "国家战略"
    entry.save()
    page = client_for(delegate).get(f"{prefix}{entry.get_absolute_url()}").content.decode()
    assert (
        ("الاستراتيجية الوطنية" in page and 'dir="rtl"' in page)
        if prefix == "/ar"
        else ("国家战略" in page)
    )


# Editing: the secretariat any entry but a withdrawn one; the country's delegates a proposal
# waiting or rejected, which is then proposed again.


def _edit_url(entry):
    return f"/countries/entries/{entry.pk}/edit/"


def _form_of(entry, **changes):
    return {**FORM, "title_en": entry.title_en, **changes}


def _in_status(status, organization, delegate, secretariat):
    entry = _proposal(organization, delegate)
    steps = {"proposed": [], "approved": ["approve"], "rejected": ["reject"]}
    steps["withdrawn"] = ["approve", "withdraw"]
    for action in steps[status]:
        services.country_entry_act(entry_id=entry.pk, action=action, by=secretariat, note="Why")
    entry.refresh_from_db()
    assert entry.status == status
    return entry


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [("anonymous", "proposed", 302), ("outsider", "proposed", 404),
     ("other country's delegate", "rejected", 404), ("chair", "approved", 403),
     ("the country's delegate", "proposed", 200), ("the country's delegate", "rejected", 200),
     ("the country's delegate", "approved", 403), ("the country's delegate", "withdrawn", 403),
     ("secretariat", "proposed", 200), ("secretariat", "approved", 200),
     ("secretariat", "rejected", 200), ("secretariat", "withdrawn", 403)],
)  # fmt: skip
def test_who_may_edit_an_entry_in_which_status(
    client_for, people, organization, delegate, secretariat, who, status, code
):
    entry = _in_status(status, organization, delegate, secretariat)
    client = client_for(people[who])
    assert client.get(_edit_url(entry)).status_code == code
    response = client.post(_edit_url(entry), _form_of(entry, title_en="Changed"))
    assert response.status_code == (302 if code == 200 else code)
    entry.refresh_from_db()
    assert (entry.title_en == "Changed") is (code == 200)
    if code == 302:
        assert response["Location"].startswith("/accounts/login/")
    detail = client.get(f"/countries/entries/{entry.pk}/")
    if detail.status_code == 200:
        assert (_edit_url(entry) in detail.content.decode()) is (code == 200)


def test_the_services_refuse_who_may_not_edit(people, organization, delegate, secretariat):
    approved = _in_status("approved", organization, delegate, secretariat)
    for who in ["outsider", "other country's delegate", "chair"]:
        with pytest.raises(PermissionDenied):
            services.country_entry_update(entry_id=approved.pk, by=people[who], title_en="X")
    with pytest.raises(ValidationError, match="approved: it can no longer be edited"):
        services.country_entry_update(entry_id=approved.pk, by=delegate, title_en="X")
    approved.refresh_from_db()
    assert approved.title_en == "Proposed strategy"
    assert [e.action for e in approved.events.all()] == ["proposed", "approved"]


def test_a_rejected_entry_edited_by_the_delegate_is_proposed_again(
    client_for, organization, delegate, secretariat
):
    entry = _in_status("rejected", organization, delegate, secretariat)
    page = client_for(delegate).get(f"/countries/entries/{entry.pk}/").content.decode()
    assert "Edit and propose again" in page and "Why" in page
    form = client_for(delegate).get(_edit_url(entry)).content.decode()
    assert "Why the secretariat rejected it:" in form and "Save and propose again" in form
    response = client_for(delegate).post(
        _edit_url(entry), _form_of(entry, source_url="https://example.org/gazette"), follow=True
    )
    assert (
        "The entry is updated and proposed to the secretariat again." in response.content.decode()
    )
    entry.refresh_from_db()
    assert entry.status == "proposed" and entry.source_url == "https://example.org/gazette"
    assert entry.reason == "" and entry.decided_by is None and entry.proposed_by == delegate
    assert [(e.action, e.from_status, e.to_status) for e in entry.events.all()] == [
        ("proposed", "draft", "proposed"),
        ("rejected", "proposed", "rejected"),
        ("edited", "rejected", "rejected"),
        ("proposed", "rejected", "proposed"),
    ]
    assert entry.events.get(action="rejected").note == "Why"  # the reason stays in the history
    queue = client_for(secretariat).get("/countries/entries/").content.decode()
    assert f"/countries/entries/{entry.pk}/" in queue


def test_a_waiting_proposal_corrected_by_the_delegate_stays_proposed(
    client_for, organization, delegate
):
    entry = _proposal(organization, delegate)
    response = client_for(delegate).post(
        _edit_url(entry), _form_of(entry, title_en="Corrected title"), follow=True
    )
    assert "The entry is updated." in response.content.decode()
    entry.refresh_from_db()
    assert (entry.status, entry.title_en) == ("proposed", "Corrected title")
    assert [e.action for e in entry.events.all()] == ["proposed", "edited"]


def test_the_secretariat_updates_an_approved_entrys_date_checked(
    client_for, organization, delegate, secretariat
):
    entry = _in_status("approved", organization, delegate, secretariat)
    assert "2 May 2025" in client_for(None).get("/countries/phl/").content.decode()
    today = timezone.localdate()
    response = client_for(secretariat).post(
        _edit_url(entry), _form_of(entry, date_checked=today.isoformat()), follow=True
    )
    assert "The entry is updated." in response.content.decode()
    entry.refresh_from_db()
    assert (entry.status, entry.date_checked) == ("approved", today)
    public = client_for(None).get("/countries/phl/").content.decode()
    assert "2 May 2025" not in public and str(today.year) in public
    event = entry.events.last()
    assert (event.action, event.actor, event.to_status) == ("edited", secretariat, "approved")


def test_saving_the_form_unchanged_records_no_edit(client_for, organization, delegate):
    entry = _proposal(organization, delegate)
    unchanged = {
        "kind": "strategy", "original_language": "en", "title_en": entry.title_en,
        "source_text": entry.source_text, "date_checked": CHECKED.isoformat(),
    }  # fmt: skip
    assert client_for(delegate).post(_edit_url(entry), unchanged).status_code == 302
    assert [e.action for e in entry.events.all()] == ["proposed"]
    client_for(delegate).post(_edit_url(entry), {**unchanged, "title_en": "Changed"})
    assert [e.action for e in entry.events.all()] == ["proposed", "edited"]


def test_a_bad_edit_is_shown_on_the_form_and_changes_nothing(client_for, organization, delegate):
    entry = _proposal(organization, delegate)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_for(delegate).post(
        _edit_url(entry), _form_of(entry, title_en="", date_checked=future, source_url="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A title in the original language." in page
    assert "The date checked cannot be later than today." in page
    entry.refresh_from_db()
    assert entry.title_en == "Proposed strategy"
    assert [e.action for e in entry.events.all()] == ["proposed"]


def test_an_unknown_entry_is_a_404(client_for, secretariat):
    assert client_for(secretariat).get("/countries/entries/999/edit/").status_code == 404
