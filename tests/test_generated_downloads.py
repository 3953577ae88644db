"""A file the portal makes on request goes out through one helper (copportal/uploads.py
generated_file_response): attachment or inline, the name as RFC 6266 says, never sniffed."""

import pytest

from copportal.uploads import generated_file_response


def test_an_arabic_name_is_sent_as_utf8_in_filename_star():
    response = generated_file_response(
        b"PK", filename="تقرير الاجتماع 20.docx", content_type="application/octet-stream"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''" in disposition
    assert "%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%20" in disposition  # تقرير and a space
    assert "تقرير" not in disposition  # no raw non-ASCII in a header
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"PK"


def test_inline_is_inline_and_a_french_name_keeps_its_accent():
    response = generated_file_response(
        "BEGIN:VCALENDAR", filename="Réunion 20.ics", content_type="text/calendar"
    )
    assert response["Content-Disposition"].startswith("attachment; ")
    response = generated_file_response(
        "BEGIN:VCALENDAR", filename="Réunion 20.ics", content_type="text/calendar", inline=True
    )
    assert response["Content-Disposition"] == "inline; filename*=utf-8''R%C3%A9union%2020.ics"
    assert response["Content-Type"] == "text/calendar"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_ascii_name_is_quoted_and_cache_control_only_when_asked():
    response = generated_file_response(
        b"", filename='a "b".csv', content_type="text/csv", cache_control="no-store"
    )
    assert response["Content-Disposition"] == 'attachment; filename="a \\"b\\".csv"'
    assert response["Cache-Control"] == "no-store"
    plain = generated_file_response(b"", filename="a.csv", content_type="text/csv")
    assert "Cache-Control" not in plain


def test_more_content_can_be_written_row_by_row():
    response = generated_file_response("\ufeff", filename="list.csv", content_type="text/csv")
    response.write("a,b\r\n")
    assert response.content.decode() == "\ufeffa,b\r\n"


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, "delegate"])
def test_the_contribution_template_goes_out_through_it(client, request, who):
    """Public: anonymous readers and delegates alike get the template, as an attachment
    that the browser may not sniff."""
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get("/contributions/template-fr.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="CWG-COP-contribution-template-fr.docx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
