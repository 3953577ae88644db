"""Widgets rendered in Python: the organization picker and the list's fast selects."""

from django import forms
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from copportal.languages import folded

SOURCE_FILTER = "source_filter"
FILTER_SOURCES = "filter-sources"  # the value of the filter box's button (`action`)


class OrganizationPicker(forms.CheckboxSelectMultiple):
    """A plain list of checkboxes with a filter box, which portal.js turns into a
    type-to-filter picker (Tom Select). Without JavaScript the filter box is a submit button
    of the form: the page comes back with everything typed (the views re-render the form
    unsaved) and only the organizations that match, plus those already chosen. Rendered in
    Python: 205 options through the widget templates cost ~15 ms a page."""

    filter_text = ""  # set by the form from the posted filter box

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.attrs, **(attrs or {})}
        base = escape(attrs.get("id") or f"id_{name}")
        name = escape(name)
        selected = {str(v) for v in (value or [])}
        words = folded(self.filter_text).split()
        shown = [
            (i, pk, label)
            for i, (pk, label) in enumerate(self.choices)
            if str(pk) in selected or all(word in folded(str(label)) for word in words)
        ]
        # Plain string building: 205 options through format_html cost ~10 ms.
        rows = "".join(
            f'<li><input type="checkbox" name="{name}" value="{pk}" id="{base}_{i}"'
            f"{' checked' if str(pk) in selected else ''}>"
            f' <label for="{base}_{i}">{escape(label)}</label></li>'
            for i, pk, label in shown
        )
        matching = sum(1 for _i, pk, _label in shown if str(pk) not in selected)
        if words:
            status = _(
                "%(shown)s of %(total)s organizations match “%(words)s”; the ones you chose "
                "stay chosen. Empty the box and filter again to see them all."
            ) % {"shown": matching, "total": len(self.choices), "words": self.filter_text}
        else:
            status = _("Type part of a name and press Filter to shorten the list.")
        controls = format_html(
            '<div class="picker-filter input-group" data-picker-filter>'
            '<input type="search" name="{}" value="{}" id="{}_filter" class="form-control" '
            'aria-label="{}" aria-describedby="{}_filter_status">'
            '<button type="submit" name="action" value="{}" class="btn btn-outline-secondary" '
            "formnovalidate>{}</button></div>"
            '<p class="form-text mt-0 mb-1" id="{}_filter_status" role="status">{}</p>',
            SOURCE_FILTER,
            self.filter_text,
            mark_safe(base),
            _("Filter the list"),
            mark_safe(base),
            FILTER_SOURCES,
            _("Filter"),
            mark_safe(base),
            status,
        )
        return format_html(
            '<div class="picker" id="{}" data-picker data-filter-label="{}" '
            'data-placeholder="{}">{}<ul class="picker-options list-unstyled mb-0">{}</ul></div>',
            mark_safe(base),
            _("Filter the list"),
            _("Type to find an organization"),
            controls,
            mark_safe(rows),
        )


class FastSelect(forms.Select):
    """A select whose options are rendered in Python (the list's filters)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.attrs, **(attrs or {})}
        current = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(pk)}"{" selected" if str(pk) == current else ""}>'
            f"{escape(label)}</option>"
            for pk, label in self.choices
        )
        extra = format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if k != "id"))
        return format_html(
            '<select name="{}" id="{}"{}>{}</select>',
            name,
            attrs.get("id", ""),
            extra,
            mark_safe(options),
        )
