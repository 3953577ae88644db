from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Affiliation, Organization, User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As it should appear on contributions and participant lists."),
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.language = getattr(request, "LANGUAGE_CODE", "en") or "en"
        user.save(update_fields=["full_name", "language"])


def in_alphabetical_order(field, *groups) -> None:
    """A select of organizations listing each group in turn, each in alphabetical order in the
    reader's language (after the empty choice, if the field has one). The field's queryset
    still validates what is posted."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = [*empty, *(choice for group in groups for choice in group.choices())]


class AffiliationRequestForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("The Member State, Sector Member or organization you represent."),
    )

    class Meta:
        model = Affiliation
        fields = ["organization", "proposed_name", "proposed_kind", "role_title", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The Member States, then the other organizations.
        organizations = Organization.objects.all()
        in_alphabetical_order(
            self.fields["organization"],
            organizations.member_states(),
            organizations.exclude(kind=Organization.Kind.MEMBER_STATE),
        )

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization")
        proposed = (cleaned.get("proposed_name") or "").strip()
        if organization and proposed:
            raise forms.ValidationError(
                _("Choose an organization from the list or name a new one, not both.")
            )
        if not organization and not proposed:
            # On the fields, in words: the model's check constraint on them is then not run,
            # so its name never reaches the page.
            self.add_error(
                "organization",
                _("Choose your organization from the list, or name it if it is not there."),
            )
            self.add_error("proposed_name", _("Or name your organization here."))
            return cleaned
        if proposed:
            existing = Organization.objects.filter(name__iexact=proposed).first()
            if existing:
                # Already in the portal under that name: ask for it rather than a duplicate.
                cleaned["organization"], cleaned["proposed_name"] = existing, ""
            elif not cleaned.get("proposed_kind"):
                self.add_error("proposed_kind", _("Say what kind of organization it is."))
        return cleaned


class AffiliationRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person sees this reason."),
        max_length=2000,
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What it is for, so that you can tell your tokens apart: “my script”."),
    )
