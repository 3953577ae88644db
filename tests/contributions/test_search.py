"""One search for the portal: contributions' stored vectors, the list's `?q=`, and matching
contributions in the library's results (only those the reader may see)."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import services
from contributions.models import Contribution, Revision
from contributions.tasks import extract_revision_text
from copportal import pagecache

from ..factories import bulk_published, make_docx
from .conftest import make_accepted, make_draft, make_published, make_submitted

LIST = "/contributions/"
LIBRARY = "/resources/"


def _docx(text):
    return SimpleUploadedFile("v.docx", make_docx(text))


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [c.title for c in response.context["page"]]


def _library_titles(response) -> list[str]:
    assert response.status_code == 200
    return [c.title for c in response.context["contributions"]]


def _add_file(contribution, *, by, text, language="en"):
    """A new revision, its text extracted as the task would after commit."""
    revision = services.revision_add(
        contribution_id=contribution.pk, by=by, language=language, upload=_docx(text)
    )
    extract_revision_text.delay(revision.pk)  # the test's transaction never commits
    return revision


@pytest.fixture
def publish(delegate, meeting, secretariat):
    """publish(title, abstract=..., visibility=..., original_language=...) -> published."""

    def make(title, **fields):
        return make_published(
            user=delegate, meeting=meeting, secretariat=secretariat, title=title, **fields
        )

    return make


@pytest.mark.postgres
def test_a_french_contribution_is_stemmed_in_french(client, publish):
    found = publish(
        "Protection des enfants en ligne",
        abstract="Comment un prédateur peut exploiter sexuellement un enfant.",
        original_language="fr",
    )
    publish("Autre chose", abstract="La vie privée des élèves.", original_language="fr")
    query = "exploitation sexuelle des enfants"
    assert list(Contribution.objects.published().search(query, "fr")) == [found]
    assert _titles(client.get("/fr/contributions/", {"q": query})) == [found.title]


@pytest.mark.postgres
def test_web_search_syntax(publish):
    grooming = publish("Grooming explained", abstract="grooming and online predators")
    bullying = publish("Bullying at school", abstract="cyberbullying among pupils")
    video = publish("Grooming video", abstract="grooming, a short video")
    published = Contribution.objects.published()
    assert set(published.search("grooming -video", "en")) == {grooming}
    assert set(published.search("grooming OR cyberbullying", "en")) == {grooming, bullying, video}
    assert set(published.search('"short video"', "en")) == {video}


@pytest.mark.postgres
def test_the_title_ranks_above_a_mention_in_a_file(publish, secretariat):
    mention = publish("A report", abstract="A report of the meeting.")
    _add_file(mention, by=secretariat, text="It mentions encryption once.")
    titled = publish("Encryption and children", abstract="A guide.")
    assert list(Contribution.objects.search("encryption", "en")) == [titled, mention]


@pytest.mark.postgres
def test_the_vector_stays_current_when_a_revision_text_changes(publish, secretariat):
    contribution = publish("Tools", abstract="Some tools.")
    first = _add_file(contribution, by=secretariat, text="Firewalls for every school.")
    assert list(Contribution.objects.search("firewalls", "en")) == [contribution]
    # A new revision: its text replaces the previous one's once extracted, not before.
    second = services.revision_add(
        contribution_id=contribution.pk, by=secretariat, language="en", upload=_docx("Encryption")
    )
    assert list(Contribution.objects.search("firewalls", "en")) == [contribution]
    extract_revision_text.delay(second.pk)
    assert not Contribution.objects.search("firewalls", "en").exists()
    assert list(Contribution.objects.search("encryption", "en")) == [contribution]
    assert first.number == 1 and Revision.objects.get(pk=second.pk).number == 2


@pytest.mark.postgres
def test_each_language_version_counts_in_its_own_language(publish, secretariat):
    contribution = publish("Tools", abstract="Some tools.")
    _add_file(
        contribution, by=secretariat, language="es", text="Cómo explotar sexualmente a un niño"
    )
    assert list(Contribution.objects.search("explotación sexual", "es")) == [contribution]


@pytest.mark.postgres
def test_the_vector_follows_a_draft_title_and_its_replaced_file(delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting, title="About firewalls", file=False)
    assert list(Contribution.objects.search("firewalls", "en")) == [draft]
    services.contribution_update(
        contribution_id=draft.pk,
        by=delegate,
        version=draft.version,
        sources=delegate.approved_organizations,
        themes=[],
        title="About encryption",
        upload=_docx("Sextortion checklist"),
    )
    (revision,) = Revision.objects.filter(document__contribution=draft)
    extract_revision_text.delay(revision.pk)
    assert not Contribution.objects.search("firewalls", "en").exists()
    assert list(Contribution.objects.search("encryption", "en")) == [draft]
    assert list(Contribution.objects.search("sextortion", "en")) == [draft]
    draft.refresh_from_db()
    services.contribution_update(
        contribution_id=draft.pk,
        by=delegate,
        version=draft.version,
        sources=delegate.approved_organizations,
        themes=[],
        upload=_docx("Age assurance"),
    )
    # The draft's replaced file is gone from the vector at once.
    assert not Contribution.objects.search("sextortion", "en").exists()


@pytest.mark.postgres
def test_the_admin_refreshes_the_vector(publish, rf, secretariat):
    contribution = publish("About firewalls")
    contribution.title = "About encryption"
    model_admin = admin.site._registry[Contribution]
    model_admin.save_model(rf.post("/"), contribution, form=None, change=True)
    assert list(Contribution.objects.search("encryption", "en")) == [contribution]
    assert not Contribution.objects.search("firewalls", "en").exists()


@pytest.mark.postgres
def test_snippets_mark_the_words_and_escape_the_rest(client, publish):
    publish("Report", abstract="<b>Grooming</b> is a risk; <script>x()</script> grooming")
    page = client.get(LIST, {"q": "grooming"}).text
    assert "<mark>Grooming</mark>" in page
    assert "<script>x()</script>" not in page and "<b>Grooming" not in page
    page = client.get(LIBRARY, {"q": "grooming"}).text
    assert "<mark>Grooming</mark>" in page and "<script>x()</script>" not in page


def test_plain_words_are_found_in_titles_abstracts_and_files(client, publish, secretariat):
    titled = publish("Helpline numbers", abstract="Where children call.")
    in_abstract = publish("A proposal", abstract="Numbers of helplines per country.")
    in_file = publish("Annex", abstract="Tables.")
    _add_file(in_file, by=secretariat, text="Helpline numbers by region")
    publish("Unrelated", abstract="Age assurance.")
    found = {c.title for c in Contribution.objects.published().search("helpline numbers", "en")}
    expected = {titled.title, in_abstract.title, in_file.title}
    assert found == expected
    response = client.get(LIST, {"q": "helpline numbers"})
    assert set(_titles(response)) == expected
    assert "best matches first" in response.text
    assert "best matches first" not in client.get(LIST).text


@pytest.mark.parametrize("who", [None, "outsider"])
def test_members_only_contributions_are_never_found_by_non_members(
    request, client_for, publish, who
):
    publish("Public strategy", abstract="A national strategy.")
    publish("Members strategy", abstract="A national strategy.", visibility="members")
    client = client_for(request.getfixturevalue(who) if who else None)
    assert _titles(client.get(LIST, {"q": "strategy"})) == ["Public strategy"]
    response = client.get(LIBRARY, {"q": "strategy"})
    assert _library_titles(response) == ["Public strategy"]
    assert "Members strategy" not in response.text
    assert response.context["contribution_count"] == 1


def test_members_find_members_only_contributions(client_for, publish, other_delegate):
    publish("Members strategy", abstract="A national strategy.", visibility="members")
    client = client_for(other_delegate)
    assert _titles(client.get(LIST, {"q": "strategy"})) == ["Members strategy"]
    response = client.get(LIBRARY, {"q": "strategy"})
    assert _library_titles(response) == ["Members strategy"]
    assert "Members only" in response.text


@pytest.mark.parametrize("who", [None, "delegate", "secretariat"])
def test_unpublished_contributions_are_never_found(
    request, client_for, delegate, meeting, secretariat, who
):
    make_draft(user=delegate, meeting=meeting, title="Draft strategy")
    make_submitted(user=delegate, meeting=meeting, title="Submitted strategy")
    make_accepted(
        user=delegate, meeting=meeting, secretariat=secretariat, title="Accepted strategy"
    )
    withdrawn = make_published(
        user=delegate, meeting=meeting, secretariat=secretariat, title="Withdrawn strategy"
    )
    services.contribution_withdraw(contribution_id=withdrawn.pk, by=secretariat)
    make_published(
        user=delegate, meeting=meeting, secretariat=secretariat, title="Published strategy"
    )
    client = client_for(request.getfixturevalue(who) if who else None)
    assert _titles(client.get(LIST, {"q": "strategy"})) == ["Published strategy"]
    assert _library_titles(client.get(LIBRARY, {"q": "strategy"})) == ["Published strategy"]


def test_the_library_shows_the_best_few_and_links_to_all(client, publish):
    for n in range(7):
        publish(f"Strategy {n}", abstract="A national strategy.")
    response = client.get(LIBRARY, {"q": "national strategy"})
    page = response.text
    assert len(response.context["contributions"]) == 5
    assert response.context["contribution_count"] == 7
    assert page.count('class="badge text-bg-info">Contribution</span>') == 5
    first = response.context["contributions"][0]
    assert f'href="{first.get_absolute_url()}"' in page and first.symbol in page
    assert 'href="/contributions/?q=national+strategy"' in page
    assert "All 7 matching contributions" in page
    # The library's own count and facets are the resources' only.
    assert response.context["page"].paginator.count == 0


def test_the_library_ranks_and_counts_a_bounded_number_of_contributions(
    client, publish, monkeypatch
):
    """A broad query ranks the newest matches only, and counts no further than that."""
    from resources import views

    monkeypatch.setattr(views, "CONTRIBUTIONS_RANKED", 6)
    best = publish("Strategy 0", abstract="A national strategy, a national strategy.")
    for n in range(1, 7):
        publish(f"Strategy {n}", abstract="A national strategy.")
    response = client.get(LIBRARY, {"q": "national strategy"})
    assert response.context["contribution_count"] == 7  # 6 + 1: "more than 6"
    assert "More than 6 matching contributions" in response.text
    # The oldest match, the best one, is not among the newest six.
    assert best not in response.context["contributions"]
    monkeypatch.setattr(views, "CONTRIBUTIONS_RANKED", 7)
    pagecache.bump()  # a change of code, not of data: the cached page is the old code's
    response = client.get(LIBRARY, {"q": "national strategy"})
    assert "All 7 matching contributions" in response.text
    assert response.context["contributions"][0] == best


def test_the_library_without_a_query_lists_no_contributions(client, publish):
    publish("Strategy", abstract="A national strategy.")
    response = client.get(LIBRARY)
    assert response.context["contributions"] == []
    assert "badge text-bg-info" not in response.text


@pytest.mark.parametrize(
    "url", [LIST + "?q=strategy", LIST + "?q=strategy&page=2", LIBRARY + "?q=strategy"]
)
def test_queries_do_not_grow_with_the_matches(
    client, meeting, delegate, organization, url, django_assert_num_queries
):
    bulk_published(meeting, delegate, organization, 10, start=1)
    client.get(url)  # warm up (sessions, content types)
    pagecache.bump()  # the queries of a page rendered, not of the cached one
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    bulk_published(meeting, delegate, organization, 490, start=11)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    if url.startswith(LIST):
        assert response.context["page"].paginator.count == 500
    else:
        assert response.context["contribution_count"] == 201  # "more than 200"


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", None),
        ("a" * 10_000, "only its first 200 characters"),
        ("!!! ... ??", "at least one word"),
        ("'; DROP TABLE contributions_contribution;--", None),
        ("<script>alert(1)</script>", None),
        ("\x00nul", None),
        ('OR - "', None),
        ("-strategy", None),
    ],
)
@pytest.mark.parametrize("url", [LIST, LIBRARY])
def test_bad_input_gives_a_normal_page(client, publish, url, q, message):
    publish("Strategy", abstract="A national strategy.")
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    if message:
        assert message in response.text
    assert Contribution.objects.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_library_search_shows_contributions_as_you_type(browser_page, publish):
    import re

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    contribution = publish("National strategy on grooming", abstract="How a state prevents it.")
    publish("Members strategy on grooming", abstract="For members.", visibility="members")
    page = browser_page
    page.goto(LIBRARY)
    page.fill("#id_q", "grooming")
    page.wait_for_url(re.compile(r"q=grooming"))
    results = page.locator(".contribution-result h3 a")
    expect(results).to_have_count(1)
    assert page.locator(".contribution-result .badge").first.inner_text() == "Contribution"
    axe = Axe().run(page)
    assert not axe.violations_count, axe.generate_report()
    results.first.click()
    page.wait_for_url(re.compile(re.escape(contribution.get_absolute_url()) + "$"))
    assert contribution.title in page.locator("h1").inner_text()


@pytest.mark.postgres
def test_chinese_is_cut_into_words_in_the_title_and_the_chinese_version(
    client, publish, secretariat
):
    titled = publish("理事会保护上网儿童工作组发布了新的指南", original_language="zh")
    versioned = publish("Tools", abstract="Some tools.")
    _add_file(versioned, by=secretariat, language="zh", text="家长如何防范网络欺凌的清单")
    published = Contribution.objects.published()
    assert list(published.search("儿童指南", "zh")) == [titled]
    assert list(published.search("网络欺凌 清单", "en")) == [versioned]
    response = client.get("/zh-hans" + LIST, {"q": "工作组"})
    assert _titles(response) == [titled.title]


@pytest.mark.postgres
def test_french_and_spanish_contributions_ignore_accents(publish):
    french = publish("Sécurité des élèves", abstract="En ligne.", original_language="fr")
    spanish = publish("Protección de los niños", abstract="En línea.", original_language="es")
    published = Contribution.objects.published()
    assert list(published.search("securite eleves", "fr")) == [french]
    assert list(published.search("proteccion ninos", "es")) == [spanish]
