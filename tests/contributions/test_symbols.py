"""Symbols: CWG-COP-<meeting>/<n>, sequential per meeting, never reused, unique under
concurrent acceptance."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from contributions import services
from contributions.models import Contribution

from ..factories import MeetingFactory
from .conftest import make_submitted


@pytest.mark.django_db
def test_accepting_gives_sequential_symbols_per_meeting(
    delegate, secretariat, meeting, next_meeting
):
    a = make_submitted(user=delegate, meeting=meeting)
    b = make_submitted(user=delegate, meeting=meeting)
    c = make_submitted(user=delegate, meeting=next_meeting)
    symbols = [
        services.contribution_accept(contribution_id=x.pk, by=secretariat).symbol for x in (a, b, c)
    ]
    assert symbols == ["CWG-COP-30/1", "CWG-COP-30/2", "CWG-COP-31/1"]
    assert a.__class__.objects.get(pk=b.pk).get_absolute_url() == "/contributions/30-2/"


@pytest.mark.django_db
def test_numbers_are_never_reused(delegate, secretariat, meeting):
    first = make_submitted(user=delegate, meeting=meeting)
    services.contribution_accept(contribution_id=first.pk, by=secretariat)
    services.contribution_reject(contribution_id=first.pk, by=secretariat, reason="Duplicate")
    second = make_submitted(user=delegate, meeting=meeting)
    second = services.contribution_accept(contribution_id=second.pk, by=secretariat)
    assert second.number == 2
    assert Contribution.objects.get(pk=first.pk).number == 1  # keeps its number


@pytest.mark.django_db
def test_accepting_twice_is_refused(delegate, secretariat, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    services.contribution_accept(contribution_id=contribution.pk, by=secretariat)
    with pytest.raises(ValidationError, match="already decided"):
        services.contribution_accept(contribution_id=contribution.pk, by=secretariat)
    assert Contribution.objects.get(pk=contribution.pk).number == 1


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_number(delegate, meeting):
    from django.db import IntegrityError

    a = make_submitted(user=delegate, meeting=meeting)
    b = make_submitted(user=delegate, meeting=meeting)
    Contribution.objects.filter(pk__in=[a.pk]).update(status="accepted", number=1)
    with pytest.raises(IntegrityError):
        Contribution.objects.filter(pk=b.pk).update(status="accepted", number=1)


def _in_threads(target, arguments):
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            barrier.wait()
            results.append(target(argument))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptances_give_unique_numbers(delegate, secretariat):
    meeting = MeetingFactory(number=40)
    contributions = [make_submitted(user=delegate, meeting=meeting) for _ in range(8)]

    def accept(pk):
        return services.contribution_accept(contribution_id=pk, by=secretariat).number

    numbers, errors = _in_threads(accept, [c.pk for c in contributions])
    assert errors == []
    assert sorted(numbers) == list(range(1, 9))
    stored = sorted(Contribution.objects.values_list("number", flat=True))
    assert stored == list(range(1, 9))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptances_of_one_contribution_number_it_once(delegate, secretariat):
    meeting = MeetingFactory(number=41)
    contribution = make_submitted(user=delegate, meeting=meeting)

    def accept(_):
        return services.contribution_accept(contribution_id=contribution.pk, by=secretariat).number

    numbers, errors = _in_threads(accept, range(4))
    assert numbers == [1]
    assert len(errors) == 3 and all(isinstance(e, ValidationError) for e in errors)
    from contributions.models import SymbolCounter

    assert SymbolCounter.objects.get(meeting=meeting).last_number == 1
