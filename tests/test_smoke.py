import pytest
from django.core.management import call_command


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/meetings/",
        "/meetings/20/",
        "/meetings/19/",
        "/roadmap/",
        "/liaison-notes/",
        "/fr/",
        "/ar/meetings/20/",
    ],
)
def test_public_pages_render_with_seeds(client, url):
    call_command("load_seeds", verbosity=0)
    response = client.get(url)
    assert response.status_code == 200
