"""/data/: the latest public data dump and the export of each public list; officers may
build today's dump now."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required
from copportal.exports import TABLES
from copportal.uploads import stored_file_response

from . import dump as dumps
from .models import PublicDataDump


def data_page(request):
    latest = PublicDataDump.objects.filter(built_at__isnull=False).exclude(file="").first()
    today = PublicDataDump.objects.filter(day=timezone.localdate()).first()
    building = PublicDataDump.objects.filter(status=PublicDataDump.Status.BUILDING).first()
    lists = [
        {
            "table": table,
            "csv": reverse(table.url_name, kwargs={"fmt": "csv"}),
            "json": reverse(table.url_name, kwargs={"fmt": "json"}),
        }
        for table in TABLES.values()
    ]
    context = {
        "latest": latest,
        "building": building,
        "failed": today if today and today.status == PublicDataDump.Status.FAILED else None,
        "lists": lists,
        "can_build": request.user.has_perm("resources.build_public_data"),
    }
    response = render(request, "resources/exports/data.html", context)
    if building and context["can_build"]:
        response["Refresh"] = "5"  # follow the build without JavaScript
        response["Cache-Control"] = "no-store"
    return response


def data_dump(request, day):
    """A dump's ZIP, streamed from the storage: public material only, for anyone."""
    when = datetime.date.fromisoformat(day) if _is_day(day) else None
    if when is None:
        raise Http404
    found = get_object_or_404(PublicDataDump, day=when)
    return stored_file_response(
        found.file,
        allowed=found.has_file,
        filename=found.download_name,
        file_type="zip",
        cache_control="no-cache",
    )


def _is_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@require_POST
@permission_required("resources.build_public_data")
def data_build(request):
    found = dumps.public_data_dump_request(by=request.user)
    found.refresh_from_db()  # built already when tasks run in-process
    if found.status == PublicDataDump.Status.READY:
        messages.success(request, _("Today's file is built."))
    else:
        messages.info(request, _("Today's file is being built: this page follows its progress."))
    return redirect("resources:data")
