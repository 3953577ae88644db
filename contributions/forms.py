import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from copportal.accounts.models import Organization, Region
from copportal.languages import Language
from copportal.uploads import allowed_types, check_upload, limits_text, too_large_error
from meetings.forms import MeetingChoiceField
from meetings.models import Audience, Meeting, Theme

from .choices import filter_choices, organization_choices
from .models import Contribution
from .widgets import FastSelect, OrganizationPicker

REQUIRED_TO_SUBMIT = _("Required to submit. You can save a draft without it.")


class LazyHelp:
    """Help text computed when shown, so that the limits follow the settings."""

    def __init__(self, function):
        self.function = function

    def __str__(self):
        return str(self.function())


def _own_first(choices, own: set[int]) -> list[tuple[int, str]]:
    return sorted(choices, key=lambda choice: choice[0] not in own)


class ContributionForm(forms.ModelForm):
    """The guided submission form: the job of the ITU template, field by field.

    Only the meeting and a title are needed to save a draft; `clean` asks for the rest when
    the author submits. The file is checked by content here and again by the service.
    """

    sources = forms.ModelMultipleChoiceField(
        label=_("Source"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=OrganizationPicker,
        help_text=_(
            "The Member States and organizations submitting this document: several make them "
            "co-sponsors, and their delegates may revise it. Your own organization comes "
            "first and is already chosen; type to find others."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The themes of the roadmap 2024–2026 and the risks this document addresses."),
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Audiences"),
        queryset=Audience.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Whom it concerns, in the terms of the ITU 2020 COP Guidelines."),
    )
    file = forms.FileField(
        label=_("Document file"),
        required=False,
        help_text=LazyHelp(
            lambda: (
                _(
                    "The document in its original language. %(limits)s A new file replaces "
                    "the draft's file."
                )
                % {"limits": limits_text()}
            )
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    creation_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    opened_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Contribution
        fields = [
            "meeting",
            "title",
            "sources",
            "kind",
            "purpose",
            "action_requested",
            "abstract",
            "themes",
            "audiences",
            "original_language",
            "contacts",
        ]
        field_classes = {"meeting": MeetingChoiceField}
        widgets = {
            "meeting": forms.Select(attrs={"class": "form-select"}),
            "title": forms.TextInput(attrs={"class": "form-control"}),
            "kind": forms.Select(attrs={"class": "form-select"}),
            "purpose": forms.RadioSelect,
            "action_requested": forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            "abstract": forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
            "original_language": forms.Select(attrs={"class": "form-select"}),
            "contacts": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        }
        help_texts = {
            "meeting": _("The meeting this document is for. Its deadline is shown above."),
            "title": _("As it will appear in the meeting's list of documents."),
            "kind": _(
                "A contribution; a quarterly report of an ITU regional office (Res. 67, "
                "resolves 9); or a good practice (Res. 67, resolves 3)."
            ),
            "purpose": _(
                "For action: you ask the group to decide or do something. For information: "
                "you inform the group."
            ),
            "action_requested": _("What you ask the group to do. Needed when it is for action."),
            "abstract": _(
                "A few sentences on what the document says and proposes. It is shown in the "
                "list of contributions and used by search."
            ),
            "original_language": _(
                "The language the document is written in. Versions in the other ITU "
                "languages can be added later."
            ),
            "contacts": _("Names and e-mail addresses of the contact persons (optional)."),
        }

    def __init__(self, *args, user, oversized=None, has_file=False, source_filter="", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sources"].widget.filter_text = source_filter[:100]
        self.oversized = oversized or {}
        self.has_file = has_file
        meetings = Meeting.objects.order_by("start_date")
        if not user.has_perm("contributions.submit_on_behalf"):
            meetings = meetings.upcoming()
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].empty_label = None
        self.fields["purpose"].choices = Contribution.Purpose.choices
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{t}" for t in allowed_types())
        if self.instance.pk:
            self.initial.setdefault(
                "sources", [link.organization_id for link in self.instance.ordered_sources]
            )
        elif not self.is_bound:
            self.initial.setdefault("sources", [o.pk for o in user.approved_organizations])
        own = {o.pk for o in user.approved_organizations}
        self.fields["sources"].choices = _own_first(organization_choices(), own)
        for name in ("sources", "purpose", "abstract"):
            self.fields[name].required_to_submit = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if "file" in self.oversized:
            raise too_large_error(self.oversized["file"])
        if upload:
            check_upload(upload)
        return upload

    def clean_opened_at(self):
        opened = self.cleaned_data.get("opened_at")
        return opened if isinstance(opened, datetime.datetime) else None

    def clean(self):
        cleaned = super().clean()
        if self.data.get("action") != "submit":
            return cleaned
        for name in ("sources", "purpose", "abstract"):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, REQUIRED_TO_SUBMIT)
        if (
            cleaned.get("purpose") == Contribution.Purpose.ACTION
            and not (cleaned.get("action_requested") or "").strip()
        ):
            self.add_error(
                "action_requested", _("Say what you ask the group to do, since it is for action.")
            )
        if not cleaned.get("file") and not self.has_file and "file" not in self.errors:
            self.add_error("file", REQUIRED_TO_SUBMIT)
        return cleaned


class RevisionForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=Language.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_(
            "The language of this file. A language that already has a file gets a new "
            "revision (Rev.1, Rev.2 ...); another language adds a language version."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,  # checked in clean_file, which says why a file is missing
        help_text=LazyHelp(limits_text),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )

    confirm_public = forms.BooleanField(
        label=_("Yes, publish this file: readers see it as soon as it is uploaded."),
        required=False,
    )

    def __init__(self, *args, contribution, oversized=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized or {}
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{t}" for t in allowed_types())
        # The languages that have a file (prefetched documents and revisions: no query).
        self.existing = [
            document.language
            for document in contribution.documents.all()
            if any(True for _revision in document.revisions.all())
        ]
        # What the box guards: a published contribution's files are public the moment they
        # are uploaded, and stay listed (nothing is ever removed). Before publication an
        # upload is seen by its authors and the secretariat only: nothing to confirm.
        self.needs_confirmation = contribution.status == Contribution.Status.PUBLISHED
        if not self.needs_confirmation:
            del self.fields["confirm_public"]
        self.fields["language"].initial = contribution.original_language
        self.fields["language"].widget.attrs["data-existing"] = " ".join(self.existing)
        names = ", ".join(str(Language(code).label) for code in self.existing)
        if names:
            self.fields["language"].help_text = _(
                "The language of this file. Versions so far: %(names)s. A file in one of these "
                "languages becomes its next revision (Rev.1, Rev.2 ...); a file in another "
                "language adds a version in that language."
            ) % {"names": names}

    def new_language_hints(self) -> list[tuple[str, str]]:
        """For each language without a file: the sentence the page shows when it is chosen."""
        return [
            (code, _("This adds a version in %(language)s.") % {"language": Language(code).in_text})
            for code in Language.values
            if code not in self.existing
        ]

    def clean_file(self):
        if "file" in self.oversized:
            raise too_large_error(self.oversized["file"])
        upload = self.cleaned_data.get("file")
        if not upload:
            raise ValidationError(_("Choose a file to upload."), code="required")
        check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.needs_confirmation and not cleaned.get("confirm_public"):
            self.add_error(
                "confirm_public",
                _(
                    "This contribution is published: tick the box to confirm that readers "
                    "may see this file at once."
                ),
            )
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("The submitter sees it, and it is kept in the history."),
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Contribution.Visibility.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


MEETING_LABEL = _("Meeting %(number)s")
DEMO_MEETING_LABEL = _("Meeting %(number)s (demonstration)")


class ContributionFilterForm(forms.Form):
    """The public list's filters: every field optional, bad values ignored."""

    # Every select is a FastSelect: the widget templates cost milliseconds per field.
    q = forms.CharField(label=_("Words"), required=False)
    meeting = forms.TypedChoiceField(
        label=_("Meeting"), required=False, coerce=int, widget=FastSelect
    )
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=FastSelect(attrs={"data-picker-select": ""}),
    )
    region = forms.ChoiceField(label=_("ITU region"), required=False, widget=FastSelect)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="slug",
        widget=FastSelect,
    )
    kind = forms.ChoiceField(label=_("Type"), required=False, widget=FastSelect)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        cached = filter_choices()
        self.fields["meeting"].choices = anything + [
            (n, (DEMO_MEETING_LABEL if demo else MEETING_LABEL) % {"number": n})
            for n, demo in cached["meetings"]
        ]
        self.fields["region"].choices = anything + Region.choices
        self.fields["kind"].choices = anything + Contribution.Kind.choices
        self.fields["language"].choices = anything + Language.choices
        self.fields["source"].choices = [("", _("Any")), *organization_choices()]
        # The cached list (a ModelChoiceField iterates with a server-side cursor: four round
        # trips a page); a chosen slug is still looked up in the database when bound.
        self.fields["theme"].choices = anything + cached["themes"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
