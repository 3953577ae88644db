"""The public list: filters, order by symbol, counts on the meeting page, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import services
from contributions.models import Contribution

from ..factories import MeetingFactory, OrganizationFactory, ThemeFactory
from .conftest import make_draft, make_published


@pytest.fixture
def listed(delegate, other_delegate, secretariat, meeting, next_meeting, other_organization):
    theme = ThemeFactory(slug="education", title="Education")
    first = make_published(user=delegate, meeting=meeting, secretariat=secretariat, title="Alpha")
    first.themes.add(theme)
    second = make_published(
        user=other_delegate,
        meeting=meeting,
        secretariat=secretariat,
        title="Beta",
        kind=Contribution.Kind.GOOD_PRACTICE,
    )
    services.revision_add(
        contribution_id=second.pk, by=secretariat, language="fr", upload=_docx("Éducation")
    )
    third = make_published(
        user=delegate, meeting=next_meeting, secretariat=secretariat, title="Gamma"
    )
    return {"alpha": first, "beta": second, "gamma": third, "theme": theme}


def _docx(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..factories import make_docx

    return SimpleUploadedFile("v.docx", make_docx(text))


def _titles(client, query=""):
    response = client.get(f"/contributions/{query}")
    assert response.status_code == 200
    return [c.title for c in response.context["page"]]


@pytest.mark.django_db
def test_sorted_by_symbol_newest_meeting_first(client, listed):
    assert _titles(client) == ["Gamma", "Alpha", "Beta"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?meeting=30", ["Alpha", "Beta"]),
        ("?region=africa", ["Beta"]),
        ("?region=asia-pacific", ["Gamma", "Alpha"]),
        ("?theme=education", ["Alpha"]),
        ("?kind=good-practice", ["Beta"]),
        ("?language=fr", ["Beta"]),
        ("?language=en&meeting=31", ["Gamma"]),
        ("?q=alpha", ["Alpha"]),
        ("?meeting=nonsense", ["Gamma", "Alpha", "Beta"]),  # a bad filter is ignored
        ("?meeting=nonsense&kind=good-practice", ["Beta"]),  # ... and only it
        ("?meeting=30&theme=nope&language=fr", ["Beta"]),
    ],
)
def test_filters(client, listed, query, expected):
    assert _titles(client, query) == expected


@pytest.mark.django_db
def test_an_ignored_filter_is_named(client, listed):
    response = client.get("/contributions/?meeting=abc&kind=good-practice")
    page = response.content.decode()
    assert "Some filters were ignored" in page
    assert "Meeting: “abc”" in page
    assert "Type:" not in page.split("Some filters were ignored")[1].split("</div>")[0]


@pytest.mark.django_db
def test_filter_by_source_country(client, listed, other_organization):
    assert _titles(client, f"?source={other_organization.pk}") == ["Beta"]


@pytest.mark.django_db
def test_search_finds_words_inside_the_files(client, listed):
    from contributions.models import Revision
    from contributions.tasks import extract_revision_text

    # In production the task runs after commit; here the test transaction never commits.
    for pk in Revision.objects.values_list("pk", flat=True):
        extract_revision_text.delay(pk)
    # A whole word (full text, not a substring), in the language of the page and the file.
    response = client.get("/fr/contributions/?q=Éducation")
    assert [c.title for c in response.context["page"]] == ["Beta"]


@pytest.mark.django_db
def test_drafts_submitted_and_accepted_are_not_listed(client, listed, delegate, meeting):
    make_draft(user=delegate, meeting=meeting, title="Not yet")
    assert "Not yet" not in _titles(client)


@pytest.mark.django_db
def test_queries_stay_constant_as_the_list_grows(
    client, django_assert_num_queries, delegate, secretariat, meeting
):
    make_published(user=delegate, meeting=meeting, secretariat=secretariat)
    with CaptureQueriesContext(connection) as few:
        client.get("/contributions/")
    for n in range(6):
        extra = OrganizationFactory(name=f"Co-sponsor {n}", iso_code=f"Q{n:02d}")
        theme = ThemeFactory()
        contribution = make_published(
            user=delegate,
            meeting=MeetingFactory(number=60 + n),
            secretariat=secretariat,
            organizations=[*delegate.approved_organizations, extra],
        )
        contribution.themes.add(theme)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/contributions/")
    assert len(response.context["page"]) == 7


@pytest.mark.django_db
def test_meeting_page_shows_the_portal_count_next_to_the_reported_one(client, listed):
    meeting = listed["alpha"].meeting
    Contribution.objects.filter(pk=listed["beta"].pk).update(visibility="members")
    meeting.reported_contributions = 24
    meeting.save()
    text = client.get(meeting.get_absolute_url()).content.decode()
    assert "1 contribution is published in the portal." in text  # Beta is for members
    assert "The chair's report records 24 contributions." in text
    assert f"/contributions/?meeting={meeting.number}" in text
    assert f"/contributions/submit/?meeting={meeting.number}" in text


@pytest.mark.django_db
def test_members_see_the_members_only_count(client_for, listed, delegate):
    Contribution.objects.filter(pk=listed["beta"].pk).update(visibility="members")
    text = client_for(delegate).get(listed["alpha"].meeting.get_absolute_url()).content.decode()
    assert "2 contributions are published in the portal." in text


@pytest.mark.django_db
def test_home_shows_the_latest_contributions_and_a_submit_button(client, listed):
    text = client.get("/").content.decode()
    assert "Latest contributions" in text
    assert listed["gamma"].symbol in text
    assert "/contributions/submit/?meeting=" in text


@pytest.mark.django_db
def test_seeded_meetings_pages_still_render(client):
    from django.core.management import call_command

    call_command("load_seeds", verbosity=0)
    for url in ("/meetings/19/", "/meetings/20/", "/contributions/", "/fr/contributions/"):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_list_never_loads_the_extracted_text_of_files(client, listed):
    from contributions.models import Revision

    Revision.objects.update(text="the extracted text of a file " * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/contributions/")
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"text"' not in sql and '"abstract"' not in sql
    assert "contributions_revision" not in sql
