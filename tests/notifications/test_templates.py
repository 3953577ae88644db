"""Every kind has its template pair and renders from plain values, in English and French.
Liaison notes and agenda releases are wired by their apps; here their mails are rendered."""

import pytest
import time_machine

from copportal.notifications import kinds, services
from copportal.notifications.models import Delivery
from copportal.notifications.services import Recipient, notify

CONTEXTS = {
    "liaison-note-sent": {
        "subject": "Results of the 19th and 20th meetings",
        "body": "ITU-D SG2 Question 3/2",
        "text": "The group informs you of its work.\n\nSecond paragraph.",
        "purpose": "action",
        "reply_by": "2026-03-31",
        "attachments": [{"name": "Annex 1.pdf", "url": "https://example.org/annex-1.pdf"}],
        "path": "/liaison-notes/1/",
    },
    "liaison-note-notice": {
        "subject": "Results of the 19th and 20th meetings",
        "bodies": ["ITU-D SG2", "ITU-T SG17"],
        "path": "/liaison-notes/1/",
    },
    "liaison-note-reply-due": {
        "subject": "Results of the 19th and 20th meetings",
        "body": "ITU-D SG2",
        "reply_by": "2026-03-31",
        "path": "/liaison-notes/1/",
    },
    "agenda-released": {
        "meeting_number": 99,
        "version": 2,
        "changes": ["Item 2.1 added: demonstration item", "Item 3 moved to 14:00"],
        "path": "/meetings/99/agenda/",
    },
}

EXPECTED = {
    "liaison-note-sent": {
        "en": [
            "[CWG-COP] Liaison note: Results of the 19th and 20th meetings",
            "For action",
            "Reply by 31 March 2026.",
            "Annex 1.pdf: https://example.org/annex-1.pdf",
            "Second paragraph.",
        ],
        "fr": ["Note de liaison", "Pour suite à donner", "Réponse attendue le 31 mars 2026."],
    },
    "liaison-note-notice": {
        "en": ["CWG-COP sent a liaison note to ITU-D SG2, ITU-T SG17"],
        "fr": ["Le GTC-COP a envoyé une note de liaison à ITU-D SG2, ITU-T SG17"],
    },
    "liaison-note-reply-due": {
        "en": ["Reply from ITU-D SG2 due on 31 March 2026", "asked ITU-D SG2 for action"],
        "fr": ["31 mars 2026"],
    },
    "agenda-released": {
        "en": [
            "[CWG-COP] Agenda of meeting 99 changed (version 2)",
            "- Item 3 moved to 14:00",
        ],
        "fr": ["Ordre du jour de la réunion 99", "Ce qui a changé"],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CONTEXTS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_kind_renders_from_a_plain_context(kind, language):
    notify(
        kind=kind,
        key=f"render:{kind}",
        recipients=[Recipient(email="sg2@itu.example", language=language, name="ITU-D SG2")],
        context=CONTEXTS[kind],
    )
    delivery = Delivery.objects.get(kind=kind)
    whole = f"{delivery.subject}\n{delivery.text}"
    for expected in EXPECTED[kind][language]:
        assert expected in whole, expected
    assert delivery.unsubscribe_url in delivery.text
    assert delivery.unsubscribe_url in delivery.html
    assert f'lang="{language}"' in delivery.html
    assert "{{" not in whole and "{%" not in whole


def test_every_kind_has_its_template_pair():
    from django.template.loader import get_template

    for slug in kinds.KINDS:
        for name in ("subject.txt", "body.txt", "body.html"):
            get_template(f"emails/{slug}/{name}")


def test_html_escapes_what_people_wrote(db):
    notify(
        kind="liaison-note-notice",
        key="render:escape",
        recipients=[Recipient(email="a@example.org")],
        context={"subject": "<script>x</script> & co", "bodies": ["A & B"], "path": "/"},
    )
    delivery = Delivery.objects.get()
    assert "<script>" not in delivery.html
    assert "&lt;script&gt;" in delivery.html
    # Plain text is not HTML, and neither is the subject (a title's "&" stays "&").
    assert "<script>x</script> & co" in delivery.text
    assert "<script>x</script> & co" in delivery.subject
    assert services.site_name() in delivery.text


# Every key any template reads, for the kinds not in CONTEXTS (a reminder with drafts, a
# contribution's events, an affiliation's decision).
EVERY_KEY = {
    "title": "Kids & screens: <b>a study</b>",
    "symbol": "CWG-COP/99/3",
    "meeting_number": 99,
    "path": "/contributions/3/",
    "meeting_path": "/meetings/99/",
    "submit_path": "/contributions/submit/",
    "deadline": "2026-03-02T23:59:00+01:00",
    "time_zone": "Europe/Zurich",
    "offset": 7,
    "drafts": [{"title": "Draft & co", "path": "/contributions/4/"}],
    "note": "Too late & incomplete",
    "reason": "Too late & incomplete",
    "files": [{"language": "en", "revision": 1, "name": "study.pdf"}],
    "sources": ["Benchland"],
    "from_meeting": 98,
    "to_meeting": 99,
    "status": "refused",
    "approved": False,
    "organization": "Ministry of <Things>",
    "account_path": "/accounts/me/",
    "start_date": "2026-03-02",
    "link": "https://meet.example.org/j/99?pwd=a&b",
    "registration_path": "/meetings/99/registration/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", kinds.KINDS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_rendering_once_for_many_gives_each_recipient_their_own_mail(
    kind, language, django_user_model
):
    """notify renders a kind's templates once per group of recipients and puts each one's
    name and unsubscribe link in afterwards: the mail must be what rendering for them alone
    gives, names with markup and quotes included."""
    named = django_user_model.objects.create_user(
        email="obrien@example.org", full_name="Seán O'Brien & <Kids>", language=language
    )
    unnamed = django_user_model.objects.create_user(email="x@example.org", language=language)
    group = [
        Recipient(user=named),
        Recipient(user=unnamed),
        Recipient(email="sg17@itu.example", language=language, name='ITU-T SG17 "Q6" & co'),
        Recipient(email="cc@itu.example", language=language),
    ]
    context = {**EVERY_KEY, **CONTEXTS.get(kind, {})}
    with time_machine.travel("2026-02-20 09:00Z", tick=False):  # the tokens' timestamps
        many = services._render_many(kind, group, context)
        one_by_one = [services._render(kind, recipient, context) for recipient in group]
    assert many == one_by_one
    assert len({mail["unsubscribe_url"] for mail in many}) == len(group)
    assert "Seán O&#x27;Brien &amp; &lt;Kids&gt;" in many[0]["html"]
    assert "Seán O'Brien & <Kids>" in many[0]["text"]
