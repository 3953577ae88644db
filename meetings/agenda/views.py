"""The agenda: the chair's builder (draft) and the public's released versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required

from ..meeting_views import meeting_in_url
from ..models import Meeting
from . import numbering, services, snapshots
from .forms import AgendaItemForm, AgendaReleaseForm
from .models import Agenda, AgendaItem


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _builder_url(meeting, focus: AgendaItem | int | None = None, action: str = "") -> str:
    url = reverse("meetings:agenda_edit", args=[meeting.number])
    if focus is None:
        return url
    # No #fragment: a page opened at a fragment ignores autofocus (HTML), and autofocus
    # both scrolls to the item and keeps the keyboard where it was.
    pk = getattr(focus, "pk", focus)
    return f"{url}?focus={pk}&action={action}"


STALE = _(
    "The agenda changed since this page was shown (in another tab or by someone else): "
    "your change was not applied. Here is the current order."
)


def _builder_context(request, meeting, **extra):
    draft = Agenda.objects.filter(meeting=meeting).first()
    current = draft.version if draft else 0
    listed = numbering.meeting_contributions(meeting)
    tree = numbering.draft_tree(meeting, listed)
    items = numbering.flatten(tree)
    releases = list(meeting.agenda_releases.select_related("released_by").order_by("-version")[:20])
    for release in releases:
        release.left_out_sentences = numbering.left_out_sentences(release.left_out)
    focus = request.GET.get("focus", "")
    context = {
        "meeting": meeting,
        # The draft's row (None before its first item): its audit history is linked.
        "agenda": draft,
        "tree": tree,
        "items": items,
        # The allocation table's choices, made once for all its rows.
        "item_choices": [(node.item.pk, f"{node.number} {node.item.title}") for node in items],
        "version": current or 0,
        # The meeting's contributions the builder lists (the allocation table's rows).
        "listed": listed,
        "warnings": numbering.release_warnings(tree, listed),
        "form": AgendaItemForm(),
        "release_form": AgendaReleaseForm(initial={"version": current or 0}),
        "releases": releases,
        "focus": int(focus) if focus.isdigit() else None,
        "focus_action": request.GET.get("action", ""),
    }
    context.update(extra)
    return context


@permission_required("meetings.change_agenda", meeting_in_url)
def agenda_edit(request, number):
    """The builder: the draft's items, their order, their contributions; add an item."""
    meeting = meeting_in_url(request, number)
    if request.method == "POST":
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            parent_id = request.POST.get("parent") or None
            parent = None
            if parent_id:
                parent = get_object_or_404(
                    AgendaItem, pk=parent_id, meeting=meeting, parent__isnull=True
                )
            try:
                item = services.agenda_item_create(
                    meeting=meeting,
                    by=request.user,
                    version=_version(request),
                    parent=parent,
                    **form.item_fields(),
                )
            except services.StaleAgenda:
                messages.error(request, STALE)
            else:
                messages.success(request, _("The item is added."))
                return redirect(_builder_url(meeting, item, "edit"))
        context = _builder_context(request, meeting, form=form)
        return render(request, "meetings/agenda/agenda_edit.html", context, status=400)
    return render(request, "meetings/agenda/agenda_edit.html", _builder_context(request, meeting))


def _item(request, number, pk, **kwargs):
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=pk, meeting__number=number
    )


def _item_meeting(request, number, pk, **kwargs):
    return _item(request, number, pk).meeting


@permission_required("meetings.change_agenda", _item_meeting)
def agenda_item_edit(request, number, pk):
    item = _item(request, number, pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.agenda_item_update(item=item, by=request.user, **form.item_fields())
        messages.success(request, _("The item is saved."))
        return redirect(_builder_url(item.meeting, item, "edit"))
    return render(
        request,
        "meetings/agenda/agenda_item_form.html",
        {"meeting": item.meeting, "item": item, "form": form},
    )


@require_POST
@permission_required("meetings.change_agenda", _item_meeting)
def agenda_item_delete(request, number, pk):
    item = _item(request, number, pk)
    try:
        services.agenda_item_delete(item=item, by=request.user, version=_version(request))
    except services.StaleAgenda:
        messages.error(request, STALE)
    else:
        messages.success(request, _("“%(title)s” is removed.") % {"title": item.title})
    return redirect(_builder_url(item.meeting))


@require_POST
@permission_required("meetings.change_agenda", _item_meeting)
def agenda_item_move(request, number, pk):
    """Move up / down / indent / outdent: a plain form, so it works without JavaScript."""
    item = _item(request, number, pk)
    direction = request.POST.get("direction", "")
    try:
        before, after = services.agenda_item_move(
            item_id=item.pk, by=request.user, direction=direction, version=_version(request)
        )
    except services.StaleAgenda:
        messages.error(request, STALE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # Said in the page's live region after the redirect; focus returns to the item.
        messages.success(
            request,
            _("Item %(before)s moved to position %(after)s.") % {"before": before, "after": after},
        )
    return redirect(_builder_url(item.meeting, item, direction))


@require_POST
@permission_required("meetings.change_agenda", meeting_in_url)
def agenda_reorder(request, number):
    """What a drag and drop sends (htmx): one level's items in their new order.

    Answers with the builder's list; a stale order is refused and the current one shown.
    """
    meeting = meeting_in_url(request, number)
    parent = request.POST.get("parent") or None
    try:
        # "order" is what the drag and drop script sends: "3,1,2".
        raw = request.POST.get("order", "")
        ids = [int(pk) for pk in (raw.split(",") if raw else request.POST.getlist("item"))]
        services.agenda_reorder(
            meeting=meeting,
            by=request.user,
            parent_id=int(parent) if parent else None,
            item_ids=ids,
            version=_version(request),
        )
    except (services.StaleAgenda, ValueError):
        context = _builder_context(request, meeting, stale=STALE)
    else:
        context = _builder_context(request, meeting, reordered=_("The new order is saved."))
    if request.headers.get("HX-Request"):
        return render(request, "meetings/agenda/includes/agenda_tree.html", context)
    if "stale" in context:
        messages.error(request, STALE)
    return redirect(_builder_url(meeting))


@require_POST
@permission_required("meetings.change_agenda", meeting_in_url)
def agenda_allocate(request, number):
    """The contributions of the meeting, each given an item (or none)."""
    meeting = meeting_in_url(request, number)
    allocations = {}
    for key, value in request.POST.items():
        if key.startswith("contribution-") and key[13:].isdigit():
            allocations[int(key[13:])] = int(value) if value.isdigit() else None
    try:
        changed = services.agenda_allocate(
            meeting=meeting, by=request.user, allocations=allocations
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Contributions allocated: %(count)s changed.") % {"count": changed}
        )
    # No #allocation: scrolling to a fragment takes focus from the message (portal.js focuses it).
    return redirect(_builder_url(meeting))


@permission_required("meetings.release_agenda", meeting_in_url)
def agenda_release(request, number):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    meeting = meeting_in_url(request, number)
    form = AgendaReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The release form was incomplete: nothing was released."))
        return redirect(_builder_url(meeting))
    try:
        release = services.agenda_release(
            meeting=meeting,
            by=request.user,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
        )
    except services.StaleAgenda:
        messages.error(request, STALE)
        return redirect(_builder_url(meeting))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_builder_url(meeting))
    messages.success(
        request, _("Version %(version)s of the agenda is released.") % {"version": release.version}
    )
    # What it left out, by the rule the check before it applied: the chair is told again.
    for sentence in numbering.left_out_sentences(release.left_out):
        messages.warning(request, sentence)
    return redirect(release.get_absolute_url())


def agenda_public(request, number):
    """The latest released agenda, or `?version=N`; with the changes since the release before."""
    meeting = get_object_or_404(Meeting.objects.select_related("agenda"), number=number)
    releases = list(
        meeting.agenda_releases.order_by("-version").values("pk", "version", "released_at")
    )
    context = {"meeting": meeting, "releases": releases}
    if not releases:
        # What is known of it is in the meeting's record (a chair's report in the library):
        # the page's "meetings.agenda.record" section, which the library fills.
        return render(request, "meetings/agenda/agenda.html", context)
    wanted = request.GET.get("version")
    if wanted is None:
        version = releases[0]["version"]
    else:
        try:
            version = int(wanted)
        except ValueError:
            context["error"] = _("“%(value)s” is not a version number.") % {"value": wanted[:20]}
            return render(request, "meetings/agenda/agenda.html", context, status=400)
        if version not in {r["version"] for r in releases}:
            context["error"] = _(
                "This meeting has no released version %(version)s of its agenda."
            ) % {"version": version}
            return render(request, "meetings/agenda/agenda.html", context, status=404)
    # The version shown and the one before it (for the changelog), in one query.
    before_it = next((r["version"] for r in releases if r["version"] < version), None)
    rows = meeting.agenda_releases.select_related("released_by").filter(
        version__in=[version, before_it] if before_it else [version]
    )
    by_version = {row.version: row for row in rows}
    shown, previous = by_version[version], by_version.get(before_it)
    snapshot, before = shown.snapshot, previous.snapshot if previous else None
    if not request.user.has_perm(numbering.VIEW_MEMBERS_ONLY):
        # Members-only contributions: their symbol, never their title, to everyone else.
        hidden = snapshots.members_only_now(meeting)
        snapshot = snapshots.public_snapshot(snapshot, hidden)
        before = snapshots.public_snapshot(before, hidden) if before else None
    context.update(
        {
            "release": shown,
            "items": snapshots.frozen_items(snapshot),
            "previous": previous,
            "changes": snapshots.changelog(before, snapshot),
            "is_latest": version == releases[0]["version"],
        }
    )
    return render(request, "meetings/agenda/agenda.html", context)
