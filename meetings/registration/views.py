"""Registration pages: the delegate's (/meetings/<n>/registration/: register, change,
cancel) and the officers' (/meetings/<n>/registration/participants/, its CSV, close and
reopen)."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.models import Region
from copportal.accounts.permissions import permission_required
from copportal.languages import folded

from ..meeting_views import meeting_in_url
from . import services
from .forms import RegistrationForm
from .models import Registration


@login_required
def registration(request, number):
    """Register, change or cancel: the signed-in person's own registration only."""
    meeting = meeting_in_url(request, number)
    mine = (
        Registration.objects.filter(meeting=meeting, user=request.user)
        .select_related("organization")
        .first()
    )
    may_register = request.user.has_perm("meetings.register", meeting)
    form = RegistrationForm(
        request.POST or None,
        organizations=request.user.approved_organizations,
        initial={"organization": mine.organization_id, "attendance": mine.attendance}
        if mine
        else {"attendance": Registration.Attendance.IN_PERSON},
    )
    status = 200 if may_register or mine else 403
    if request.method == "POST" and "cancel" in request.POST:
        try:
            cancelled = services.registration_cancel(meeting=meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if cancelled:
                messages.success(request, _("Your registration is cancelled."))
            else:
                messages.info(request, _("You were not registered: nothing changed."))
        return redirect("meetings:registration", meeting.number)
    if request.method == "POST":
        status = 400 if may_register else 403
        if form.is_valid():
            try:
                services.registration_save(
                    meeting=meeting,
                    by=request.user,
                    organization=form.cleaned_data["organization"],
                    attendance=form.cleaned_data["attendance"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if mine:
                    messages.success(request, _("Your registration is changed."))
                else:
                    messages.success(request, _("You are registered."))
                return redirect("meetings:registration", meeting.number)
    return render(
        request,
        "meetings/registration/registration.html",
        {
            "meeting": meeting,
            "mine": mine,
            "form": form,
            "may_register": may_register,
            "is_open": meeting.is_registration_open(),
            "shows_link": bool(meeting.remote_link)
            and request.user.has_perm("meetings.view_remote_link", meeting),
            "sees_participants": request.user.has_perm("meetings.view_participants", meeting),
        },
        status=status,
    )


def _groups(registrations: list[Registration]) -> tuple[list, list]:
    """The participants by organization (alphabetical in the reader's language) and the
    counts by ITU region (in the regions' order, then organizations without a region)."""
    by_organization: dict[int, dict] = {}
    for registration in registrations:
        group = by_organization.setdefault(
            registration.organization_id,
            {"organization": registration.organization, "participants": []},
        )
        group["participants"].append(registration)
    organizations = sorted(
        by_organization.values(), key=lambda group: folded(str(group["organization"]))
    )
    regions = []
    for code, label in [*Region.choices, ("", _("No ITU region (other organizations)"))]:
        groups = [g for g in organizations if g["organization"].region == code]
        if groups:
            regions.append(
                {
                    "label": label,
                    "organizations": len(groups),
                    "participants": sum(len(g["participants"]) for g in groups),
                }
            )
    return organizations, regions


@permission_required("meetings.view_participants", meeting_in_url)
def participants(request, number):
    """Who comes, by organization and by ITU region, with the counts (two queries)."""
    meeting = meeting_in_url(request, number)
    registrations = list(Registration.objects.for_meeting(meeting).for_list())
    organizations, regions = _groups(registrations)
    remote = sum(r.attendance == Registration.Attendance.REMOTE for r in registrations)
    return render(
        request,
        "meetings/registration/participants.html",
        {
            "meeting": meeting,
            "total": len(registrations),
            "remote": remote,
            "in_person": len(registrations) - remote,
            "member_states": sum(g["organization"].is_member_state for g in organizations),
            "organizations": organizations,
            "regions": regions,
            "is_open": meeting.is_registration_open(),
        },
    )


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_COLUMNS = [
    "name",
    "email",
    "organization",
    "organization_kind",
    "iso_code",
    "region",
    "attendance",
    "registered_at",
]


@permission_required("meetings.view_participants", meeting_in_url)
def participants_csv(request, number):
    """The participants list as CSV (UTF-8 with a byte-order mark, for spreadsheets):
    column names and codes that stay the same in every language; names in the reader's."""
    meeting = meeting_in_url(request, number)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cwg-cop-{meeting.number}-participants.csv"'
    )
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for registration in Registration.objects.for_meeting(meeting).for_list():
        organization = registration.organization
        writer.writerow(
            _cell(value)
            for value in (
                registration.user.get_full_name(),
                registration.user.email,
                organization,
                organization.kind,
                organization.iso_code,
                organization.region,
                registration.attendance,
                registration.registered_at.isoformat(),
            )
        )
    return response


@require_POST
@permission_required("meetings.close_registration", meeting_in_url)
def registration_close(request, number):
    meeting = meeting_in_url(request, number)
    closed = request.POST.get("action") != "reopen"
    services.registration_close(meeting=meeting, by=request.user, closed=closed)
    if closed:
        messages.success(request, _("Registration is closed: delegates can no longer register."))
    else:
        messages.success(request, _("Registration is open again until its deadline."))
    return redirect("meetings:participants", meeting.number)
