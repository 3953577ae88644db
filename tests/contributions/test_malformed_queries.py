"""Malformed query parameters get a normal page (or a 400) that says what was wrong, never a 500."""

import pytest

from .conftest import make_published

JUNK = {
    "meeting": ["abc", "-1", "1e9", "99999999999999999999", "٣٠", "\x00"],
    "page": ["abc", "-1", "0"],
    "source": ["abc", "99999999999999999999"],
    "theme": ["no-such-theme"],
    "kind": ["nonsense"],
    "language": ["zz"],
    "region": ["mars"],
}


@pytest.mark.django_db
def test_submit_form_with_a_malformed_meeting_says_so(client_for, delegate, meeting):
    response = client_for(delegate).get("/contributions/submit/?meeting=abc")
    assert response.status_code == 200
    assert "is not an upcoming meeting" in response.content.decode()


@pytest.mark.django_db
def test_submit_form_with_a_meeting_number_preselects_it(client_for, delegate, meeting):
    response = client_for(delegate).get(f"/contributions/submit/?meeting={meeting.number}")
    assert response.status_code == 200
    assert response.context["form"].initial["meeting"] == meeting


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/contributions/",
        "/contributions/submit/",
        "/contributions/mine/",
        "/contributions/desk/",
    ],
)
@pytest.mark.parametrize("who", [None, "delegate", "secretariat"])
def test_no_malformed_parameter_breaks_a_contributions_page(
    request, client_for, path, who, meeting, delegate, secretariat
):
    make_published(user=delegate, meeting=meeting, secretariat=secretariat)
    client = client_for(request.getfixturevalue(who) if who else None)
    for name, values in JUNK.items():
        for value in values:
            response = client.get(path, {name: value})
            assert response.status_code in {200, 302, 400, 403}, (name, value)
