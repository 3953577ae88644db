"""Forms of liaison notes: outgoing and incoming notes, their recipients."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from copportal.content_forms import TranslatedFieldsMixin, translated_columns
from copportal.languages import Language

from ..forms import (
    MeetingChoiceField,
    limits_text_lazy,
    require_original,
    style_fields,
)
from ..models import Meeting
from .models import LiaisonNote, LiaisonRecipient


class LiaisonNoteForm(TranslatedFieldsMixin, forms.ModelForm):
    """A liaison note's text and context; its recipients come in a formset beside it."""

    translated_fields = ("subject", "body")
    main_field = "subject"

    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=limits_text_lazy,
    )

    class Meta:
        model = LiaisonNote
        fields = [
            "meeting",
            "original_language",
            *translated_columns("subject", "body"),
            "contacts",
            "reply_to",
        ]
        labels = {"meeting": _("Approved at the meeting")}
        field_classes = {"meeting": MeetingChoiceField}
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 6}) for name in translated_columns("body")},
            "contacts": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _reply_to_choices(self)
        self.fields["meeting"].queryset = Meeting.objects.order_by("-number")
        self.fields["meeting"].required = True
        self.label_languages()
        style_fields(self)

    def clean(self):
        data = super().clean()
        require_original(self, data, "subject", _("Give the subject in the original language."))
        return data

    def note_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


BODIES_LIST = "liaison-bodies"  # the <datalist> of known bodies (liaison_note_form.html)


class ReplyToField(forms.ModelChoiceField):
    """A note to reply to; a received one is named with the body it came from."""

    def label_from_instance(self, note):
        if note.is_incoming:
            return _("%(subject)s (from %(body)s)") % {
                "subject": note.subject,
                "body": note.source_name,
            }
        return note.subject


def _reply_to_choices(form, notes=None) -> None:
    """The notes it may answer: any other note (our reply to a note received, or a follow-up
    of ours), or those given (a note received answers one of ours)."""
    notes = LiaisonNote.objects.all() if notes is None else notes
    notes = notes.order_by(models.F("meeting__number").desc(nulls_last=True), "pk")
    if form.instance.pk:
        notes = notes.exclude(pk=form.instance.pk)
    old = form.fields["reply_to"]
    form.fields["reply_to"] = ReplyToField(
        notes, required=False, label=old.label, help_text=old.help_text
    )


class IncomingNoteForm(TranslatedFieldsMixin, forms.ModelForm):
    """A note received from another body: who sent it and when, the meeting it is for, its
    text in the languages it came in, and the note of ours it answers, if any."""

    translated_fields = ("subject", "body")
    main_field = "subject"

    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=limits_text_lazy,
    )

    class Meta:
        model = LiaisonNote
        fields = [
            "source",
            "source_detail",
            "received_on",
            "meeting",
            "original_language",
            *translated_columns("subject", "body"),
            "contacts",
            "reply_to",
        ]
        labels = {
            "source": _("Received from (body)"),
            "meeting": _("For the meeting"),
            "reply_to": _("In reply to our note"),
        }
        widgets = {
            "source": forms.TextInput(attrs={"list": BODIES_LIST}),
            "received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in translated_columns("body")},
            "contacts": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _reply_to_choices(self, LiaisonNote.objects.outgoing())
        self.fields["source"].required = True
        self.fields["received_on"].required = True
        self.fields["meeting"].queryset = Meeting.objects.order_by("-number")
        self.fields["meeting"].help_text = _("Optional: the meeting that is to consider it.")
        self.label_languages()
        style_fields(self)

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        if received and received > timezone.localdate():
            raise ValidationError(_("The date received cannot be in the future."))
        return received

    def clean(self):
        data = super().clean()
        require_original(self, data, "subject", _("Give the subject in the original language."))
        return data

    def note_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EmailListField(forms.CharField):
    """E-mail addresses, one per line (commas and semicolons also separate them): a list of
    distinct, lower-cased addresses; a bad one is named in the error."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        addresses = []
        for part in re.split(r"[\s,;]+", super().to_python(value) or ""):
            address = part.strip().lower()
            if address and address not in addresses:
                addresses.append(address)
        return addresses

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        bad = []
        for address in value:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(
                ngettext(
                    "“%(addresses)s” is not a valid e-mail address.",
                    "These are not valid e-mail addresses: %(addresses)s.",
                    len(bad),
                ),
                code="invalid",
                params={"addresses": ", ".join(bad)},
            )

    def run_validators(self, value):
        """validate() has checked each address (CharField's length validators would read the
        list as a string)."""


class LiaisonRecipientForm(forms.ModelForm):
    contacts = EmailListField(
        label=_("Contacts' e-mail addresses"),
        required=False,
        help_text=_("They receive the note when it is sent. One address per line."),
    )
    cc = EmailListField(
        label=_("Cc e-mail addresses"),
        required=False,
        help_text=_("They receive a copy. One address per line."),
    )

    class Meta:
        model = LiaisonRecipient
        fields = ["body", "detail", "purpose", "deadline", "is_cc", "language", "contacts", "cc"]
        widgets = {
            "body": forms.TextInput(attrs={"list": BODIES_LIST}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
        self.fields["is_cc"].widget.attrs["class"] = "form-check-input"
        self.fields["language"].required = False

    def has_changed(self):
        """A spare form left as it came (its language alone posted, or not even that) is
        empty: the formset skips it."""
        return bool(set(self.changed_data) - {"language"})

    def clean(self):
        data = super().clean()
        data["language"] = data.get("language") or Language.ENGLISH
        if data.get("purpose") == LiaisonRecipient.Purpose.ACTION and not data.get("deadline"):
            self.add_error("deadline", _("A reply-by date is required when action is asked."))
        return data


class BaseRecipientFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("body")
        ]
        if not any(not r.get("is_cc") for r in kept):
            raise forms.ValidationError(_("Give at least one recipient (not in copy)."))

    def recipients(self) -> list[dict]:
        fields = LiaisonRecipientForm.Meta.fields
        return [
            {name: f.cleaned_data.get(name) for name in fields}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("body")
        ]


RecipientFormSet = forms.formset_factory(
    LiaisonRecipientForm, formset=BaseRecipientFormSet, extra=2, can_delete=True
)


def recipient_initial(note: LiaisonNote) -> list[dict]:
    fields = LiaisonRecipientForm.Meta.fields
    return [{name: getattr(r, name) for name in fields} for r in note.recipients.all()]
