from django import forms

from . import registry

# The largest key a bigint column holds: a larger number in the address finds no one.
MAX_KEY = 2**63 - 1


class LogFilterForm(forms.Form):
    """The log's filters, read from the address (?kind=meetings.meeting&person=12)."""

    kind = forms.ChoiceField(
        required=False, choices=lambda: [(a.label, a.label) for a in registry.audited_kinds()]
    )
    person = forms.IntegerField(required=False, min_value=1, max_value=MAX_KEY)
