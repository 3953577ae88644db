"""Liaison notes: the public list of sent and received notes, and the secretariat's and the
chair's side (drafting, approving, sending, and recording and publishing the notes other
bodies send: the table is meetings/liaison/workflow.py's)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required
from copportal.uploads import stored_file_response

from . import services
from .forms import IncomingNoteForm, LiaisonNoteForm, RecipientFormSet, recipient_initial
from .models import LiaisonAttachment, LiaisonNote, LiaisonRecipient


def _notes(user):
    """The notes the user may see: sent and published ones, and every state for the chair and
    the secretariat."""
    recipients = Prefetch("recipients", queryset=LiaisonRecipient.objects.order_by("is_cc", "pk"))
    notes = LiaisonNote.objects.select_related("meeting").prefetch_related(recipients)
    if user.has_perm("meetings.view_liaisonnote_drafts"):
        return notes
    return notes.published()


def listed(params, user):
    """The notes the list shows for these query parameters, in its order, and the direction
    kept ("" for both). The exports (meetings/liaison/exports.py) ask it too."""
    notes = _notes(user).order_by(
        F("meeting__number").desc(nulls_last=True), "-sent_at", "-received_on", "pk"
    )
    direction = params.get("direction")
    if direction in LiaisonNote.Direction.values:
        notes = notes.filter(direction=direction)
    else:
        direction = ""
    return notes, direction


def liaison_note_list(request):
    """Both directions, each note labelled; `?direction=incoming` or `outgoing` keeps one."""
    notes, direction = listed(request.GET, request.user)
    context = {"notes": notes, "direction": direction, "directions": LiaisonNote.Direction}
    return render(request, "meetings/liaison/liaison_note_list.html", context)


def liaison_note_detail(request, pk):
    visible = _notes(request.user)
    note = get_object_or_404(visible.prefetch_related("attachments"), pk=pk)
    # The notes it answers and that answer it, in either direction, as far as the reader may
    # see them (a draft reply stays with the officers).
    replies = list(visible.filter(reply_to=note).order_by("pk"))
    context = {
        "note": note,
        "in_reply_to": visible.filter(pk=note.reply_to_id).first() if note.reply_to_id else None,
        "replies": replies,
        "replies_label": ngettext("Reply", "Replies", len(replies)),
        "actions": [
            (action, services.LIAISON_NOTE_ACTIONS[action])
            for action in services.liaison_note_allowed_actions(note, request.user)
        ],
        "can_edit": request.user.has_perm("meetings.change_liaisonnote", note),
    }
    if request.user.has_perm("meetings.view_liaisonnote_drafts"):
        context["events"] = note.events.select_related("actor")
    return render(request, "meetings/liaison/liaison_note_detail.html", context)


def _bodies() -> list[str]:
    return LiaisonNote.objects.bodies()


def _form_page(request, note=None):
    if note is not None and note.is_incoming:
        return _incoming_form_page(request, note)
    form = LiaisonNoteForm(request.POST or None, request.FILES or None, instance=note)
    initial = recipient_initial(note) if note else []
    recipients = RecipientFormSet(request.POST or None, initial=initial, prefix="recipients")
    if request.method == "POST" and form.is_valid() and recipients.is_valid():
        try:
            saved = services.liaison_note_save(
                note=note,
                by=request.user,
                fields=form.note_fields(),
                recipients=recipients.recipients(),
                upload=form.cleaned_data.get("attachment"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The liaison note is saved as a draft."))
            return redirect(saved)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/liaison/liaison_note_form.html",
        {"form": form, "recipients": recipients, "note": note, "bodies": _bodies()},
        status=status,
    )


def _incoming_form_page(request, note=None):
    form = IncomingNoteForm(request.POST or None, request.FILES or None, instance=note)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.incoming_note_save(
                note=note,
                by=request.user,
                fields=form.note_fields(),
                upload=form.cleaned_data.get("attachment"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The note received is recorded as a draft: publish it to show it.")
            )
            return redirect(saved)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/liaison/incoming_note_form.html",
        {"form": form, "note": note, "bodies": _bodies()},
        status=status,
    )


@permission_required("meetings.add_liaisonnote")
def liaison_note_new(request):
    return _form_page(request)


@permission_required("meetings.add_liaisonnote")
def incoming_note_new(request):
    return _incoming_form_page(request)


def _note(request, pk, **kwargs):
    return get_object_or_404(LiaisonNote, pk=pk)


@permission_required("meetings.change_liaisonnote", _note)
def liaison_note_edit(request, pk):
    return _form_page(request, _note(request, pk))


@require_POST
def liaison_note_act(request, pk, action):
    """Approve / return / send: the transitions table decides; a second click is refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    note = get_object_or_404(_notes(request.user), pk=pk)
    try:
        services.liaison_note_act(note_id=note.pk, action=action, by=request.user)
    except ValidationError as refused:  # the table's refusal (ActionRefused), or no such action
        messages.error(request, " ".join(refused.messages))
    else:
        done = {
            "approve": _("The note is approved."),
            "return": _("The note is back to draft."),
            "send": _("The note is marked as sent; its recipients will be told."),
            "publish": _("The note received is published."),
        }
        messages.success(request, done.get(action, _("Done.")))
    return redirect(note)


def liaison_attachment(request, pk):
    """An attachment, to those who may see its note: always as a download, never sniffed."""
    attachment = get_object_or_404(LiaisonAttachment.objects.select_related("note"), pk=pk)
    return stored_file_response(
        attachment.file,
        allowed=request.user.has_perm("meetings.view_liaisonnote", attachment.note),
        filename=attachment.original_name,
        file_type=attachment.file_type,
    )


def _attachment_note(request, pk, **kwargs):
    return get_object_or_404(LiaisonAttachment.objects.select_related("note"), pk=pk).note


@require_POST
@permission_required("meetings.change_liaisonnote", _attachment_note)
def liaison_attachment_remove(request, pk):
    attachment = get_object_or_404(LiaisonAttachment.objects.select_related("note"), pk=pk)
    services.liaison_attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect("meetings:liaison_note_edit", attachment.note_id)
