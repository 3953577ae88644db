from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MeetingReminders


class MeetingRemindersForm(forms.ModelForm):
    """The reminder days as a comma-separated list: "14, 7, 2, 0"."""

    offsets = forms.CharField(
        label=_("Days before the deadline"),
        help_text=_("Separate them with commas; 0 sends a reminder on the day of the deadline."),
        max_length=100,
    )

    class Meta:
        model = MeetingReminders
        fields = ["offsets"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and not self.is_bound:
            self.initial["offsets"] = ", ".join(map(str, self.instance.sorted_offsets))

    def clean_offsets(self):
        raw = self.cleaned_data["offsets"]
        try:
            values = sorted({int(part) for part in raw.split(",") if part.strip()}, reverse=True)
        except ValueError:
            raise forms.ValidationError(
                _("Give whole numbers of days, for example 14, 7, 2, 0.")
            ) from None
        if any(d < 0 or d > 365 for d in values):
            raise forms.ValidationError(
                _("Each offset is between 0 and 365 days before the deadline.")
            )
        return values
