"""Liaison notes: the public list of sent notes, and the secretariat's and the chair's side
(drafting, approving, sending: meetings/services.py LIAISON_NOTE_TRANSITIONS)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required
from copportal.uploads import stored_file_response

from . import services
from .forms import LiaisonNoteForm, RecipientFormSet, recipient_initial
from .models import LiaisonAttachment, LiaisonNote, LiaisonRecipient


def _notes(user):
    """The notes the user may see: sent ones, and every state for the chair and secretariat."""
    recipients = Prefetch("recipients", queryset=LiaisonRecipient.objects.order_by("is_cc", "pk"))
    notes = LiaisonNote.objects.select_related("meeting").prefetch_related(recipients)
    if user.has_perm("meetings.view_liaisonnote_drafts"):
        return notes
    return notes.public()


def liaison_note_list(request):
    notes = _notes(request.user).order_by("-meeting__number", "-sent_at", "pk")
    return render(request, "meetings/liaison_note_list.html", {"notes": notes})


def liaison_note_detail(request, pk):
    note = get_object_or_404(
        _notes(request.user).select_related("reply_to").prefetch_related("attachments"), pk=pk
    )
    context = {
        "note": note,
        "actions": [
            (action, services.LIAISON_NOTE_ACTIONS[action])
            for action in services.liaison_note_allowed_actions(note, request.user)
        ],
        "can_edit": request.user.has_perm("meetings.change_liaisonnote", note),
    }
    if request.user.has_perm("meetings.view_liaisonnote_drafts"):
        context["events"] = note.events.select_related("actor")
    return render(request, "meetings/liaison_note_detail.html", context)


def _form_page(request, note=None):
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
        "meetings/liaison_note_form.html",
        {"form": form, "recipients": recipients, "note": note},
        status=status,
    )


@permission_required("meetings.add_liaisonnote")
def liaison_note_new(request):
    return _form_page(request)


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
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
    else:
        done = {
            "approve": _("The note is approved."),
            "return": _("The note is back to draft."),
            "send": _("The note is marked as sent; its recipients will be told."),
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
