"""The helpline finder: sourced entries only, found by country name in six languages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources import services
from resources.models import HelplineEntry

URL = reverse("resources:helplines")
SOURCE = "https://example.org/directory"  # test data: not a real helpline


@pytest.fixture
def entry(organization):
    return HelplineEntry.objects.create(
        country=organization,
        name="Test helpline (not real)",
        number="000 000",
        source_url=SOURCE,
        source_date=datetime.date(2026, 1, 5),
    )


@pytest.mark.parametrize("who", [None, "delegate", "chair", "secretariat"])
def test_everyone_reads_the_finder_and_the_emergency_advice(request, client_for, db, who):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(URL)
    assert response.status_code == 200
    assert "call your local emergency services" in response.text


def test_empty_state_says_what_the_secretariat_should_do(client_for, secretariat, db):
    assert "The secretariat is adding them" in client_for(None).get(URL).text
    page = client_for(secretariat).get(URL).text
    assert "import them from a CSV file" in page and "never a number from memory" in page


@pytest.mark.parametrize("name", ["Philippines", "philippines", "菲律宾", "الفلبين", "Filipinas"])
def test_found_by_country_name_in_any_language(client, entry, other_organization, name):
    HelplineEntry.objects.create(
        country=other_organization,
        name="Another test line",
        number="111",
        source_url=SOURCE,
        source_date=datetime.date(2026, 1, 5),
    )
    response = client.get(URL, {"country": name})
    assert list(response.context["entries"]) == [entry]


def test_every_page_links_to_the_finder(client, db):
    assert URL in client.get("/").text
    assert URL in client.get(reverse("resources:list")).text


def test_an_entry_needs_its_source(organization, secretariat):
    with pytest.raises(ValidationError):
        services.helpline_save(by=secretariat, country=organization, name="No source", number="123")


@pytest.mark.parametrize(
    ("who", "status"), [(None, 302), ("delegate", 403), ("chair", 403), ("secretariat", 200)]
)
def test_only_the_secretariat_edits_and_imports(request, client_for, entry, who, status):
    client = client_for(request.getfixturevalue(who) if who else None)
    for url in (
        reverse("resources:helpline_create"),
        reverse("resources:helpline_edit", args=[entry.pk]),
        reverse("resources:helpline_import"),
    ):
        assert client.get(url).status_code == status, url


HEADER = "country,name,number,is_116111,hours,channels,languages,link,source_url,source_date\n"


def test_csv_import_reports_every_bad_row_and_imports_nothing(
    client_for, secretariat, organization
):
    csv = HEADER + (
        f"PHL,Good line (test),000,no,24/7,phone,English,,{SOURCE},2026-01-05\n"
        "XXX,Unknown country,111,yes,,,,,,2026-01-05\n"
        f"PHL,No date,222,maybe,,,,,{SOURCE},yesterday\n"
    )
    response = client_for(secretariat).post(
        reverse("resources:helpline_import"),
        {"file": SimpleUploadedFile("lines.csv", csv.encode())},
    )
    assert response.status_code == 200
    errors = dict(response.context["row_errors"])
    assert set(errors) == {3, 4}
    assert any("unknown country" in e for e in errors[3])
    assert any("source address" in e for e in errors[3])
    assert any("is_116111" in e for e in errors[4]) and any("source_date" in e for e in errors[4])
    assert not HelplineEntry.objects.exists()


def test_csv_import_creates_and_updates(client_for, secretariat, entry):
    csv = HEADER + (
        f"PHL,Test helpline (not real),116 111,yes,24/7,phone; chat,English,,{SOURCE},2026-02-01\n"
        f"PHL,Second test line,,no,,chat,,https://example.org/chat,{SOURCE},2026-02-01\n"
    )
    response = client_for(secretariat).post(
        reverse("resources:helpline_import"),
        {"file": SimpleUploadedFile("lines.csv", csv.encode())},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_116111 and entry.number == "116 111"
    assert entry.source_date == datetime.date(2026, 2, 1)
    assert HelplineEntry.objects.count() == 2
