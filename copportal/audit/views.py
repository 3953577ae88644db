"""The audit log's pages: the whole log, and one record's history. Officers only."""

from urllib.parse import urlencode

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.text import capfirst

from copportal.accounts.models import User
from copportal.accounts.permissions import permission_required

from . import entries, registry
from .forms import LogFilterForm

PER_PAGE = 50


@permission_required("audit.view_log")
def log(request):
    """Every officer's edit, newest first; filtered by kind of record and by person."""
    filters = LogFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    kind, person = chosen.get("kind") or "", chosen.get("person")
    rows = entries.entries()
    if kind:
        model = registry.BY_LABEL[kind].model
        rows = rows.filter(content_type=ContentType.objects.get_for_model(model))
    if person:
        rows = rows.filter(actor_id=person)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    people = User.objects.filter(
        pk__in=LogEntry.objects.exclude(actor=None).values("actor_id")
    ).order_by("full_name", "email")
    return render(
        request,
        "audit/log.html",
        {
            "page": page,
            "rows": entries.shown(page.object_list),
            "kinds": entries.kinds(),
            "kind": kind,
            "people": people,
            "person": str(person or ""),
            # The filters, kept by the pagination's links.
            "query": urlencode({k: v for k, v in (("kind", kind), ("person", person)) if v})
            + ("&" if kind or person else ""),
        },
    )


@permission_required("audit.view_log")
def history(request, label, pk):
    """One record's changes (and its parts': a meeting's sessions, an agenda's items), also
    once it is deleted."""
    audited = registry.BY_LABEL.get(label)
    if audited is None:
        raise Http404
    record = entries.records_of(audited).filter(pk=pk).first()
    page = Paginator(entries.for_record(audited, pk, record), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/history.html",
        {
            "page": page,
            "rows": entries.shown(page.object_list),
            "record": record,
            "kind": capfirst(audited.model._meta.verbose_name),
            "link": audited.link(record) if record is not None else "",
            "pk": pk,
        },
    )
