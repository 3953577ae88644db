"""The theme roadmap: its page, each theme's own page, and the chair's creating, editing and
deleting of a theme."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required

from ..models import Meeting
from . import services
from .forms import ThemeForm
from .models import Theme


def roadmap(request):
    themes = list(
        Theme.objects.roadmap().prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("start_date"))
        )
    )
    # For a quarter without a meeting on its theme: the meetings held in that quarter.
    held = list(Meeting.objects.real().order_by("start_date"))
    for theme in themes:
        dates = theme.period_dates
        theme.held_in_period = (
            [m for m in held if dates[0] <= m.start_date <= dates[1]] if dates else []
        )
    return render(request, "meetings/roadmap/roadmap.html", {"themes": themes})


def theme_detail(request, slug):
    """A theme with its meetings; the published contributions and resources tagged with it
    are the sections those apps register (contributions/meeting_parts.py, resources/sections.py):
    they know themes, not the other way round."""
    theme = get_object_or_404(
        Theme.objects.prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("start_date"))
        ),
        slug=slug,
    )
    return render(request, "meetings/roadmap/theme_detail.html", {"theme": theme})


@permission_required("meetings.add_theme")
def theme_new(request):
    """A new theme of the roadmap."""
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = services.theme_create(
            by=request.user, meetings=form.cleaned_data["meetings"], **form.theme_fields()
        )
        messages.success(request, _("The theme is created."))
        return redirect(theme)
    return render(
        request,
        "meetings/roadmap/theme_form.html",
        {"theme": None, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _theme(request, slug, **kwargs):
    return get_object_or_404(Theme, slug=slug)


@permission_required("meetings.change_theme", _theme)
def theme_edit(request, slug):
    theme = _theme(request, slug)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        services.theme_update(
            by=request.user,
            theme=theme,
            meetings=form.cleaned_data["meetings"],
            **form.theme_fields(),
        )
        messages.success(request, _("The theme is saved."))
        return redirect(theme)
    return render(
        request,
        "meetings/roadmap/theme_form.html",
        {"theme": theme, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("meetings.delete_theme", _theme)
def theme_delete(request, slug):
    theme = _theme(request, slug)
    try:
        services.theme_delete(by=request.user, theme=theme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:theme_edit", theme.slug)
    messages.success(request, _("The theme “%(title)s” is deleted.") % {"title": theme.title})
    return redirect("meetings:roadmap")
