"""A contribution's page, and what its authors do from it: revise, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from copportal.uploads import limits_text

from .. import services
from ..forms import OptionalReasonForm, ReasonForm, RevisionForm, VisibilityForm
from ..models import Contribution
from .access import get_visible, login_for_members, require


@login_for_members
def contribution_detail(request, meeting, number):
    contribution = get_visible(request, meeting__number=meeting, number=number)
    return _detail(request, contribution)


@login_for_members
def contribution_detail_by_id(request, pk):
    contribution = get_visible(request, pk=pk)
    if contribution.number:
        return redirect(contribution)
    return _detail(request, contribution)


def _detail(request, contribution, *, revision_form=None):
    user = request.user
    may_follow = user.has_perm("contributions.view_history", contribution)
    events = contribution.events.select_related("actor") if may_follow else None
    return render(
        request,
        "contributions/contribution_detail.html",
        {
            "contribution": contribution,
            "documents": sorted(contribution.documents.all(), key=lambda d: d.language),
            "is_author": contribution.is_author(user),
            "may_follow": may_follow,
            "events": events,
            "actions": contribution.allowed_actions(user),
            "can_edit": user.has_perm("contributions.change_contribution", contribution),
            "can_revise": user.has_perm("contributions.revise_contribution", contribution),
            "may_handle": user.has_perm("contributions.handle_contribution", contribution),
            "can_set_visibility": user.has_perm("contributions.decide_contribution", contribution)
            and not contribution.is_editable_draft,
            "revision_form": revision_form or RevisionForm(contribution=contribution),
            "limits": limits_text(),
            "reason_form": ReasonForm(),
            "visibility_form": VisibilityForm(initial={"visibility": contribution.visibility}),
        },
    )


@login_required
@login_for_members
def revision_upload(request, pk):
    """A new revision of a language version, or a first file in another language."""
    contribution = get_visible(request, pk=pk)
    require(request, "contributions.handle_contribution", contribution)
    if request.method != "POST":
        return _detail(request, contribution)
    form = RevisionForm(
        request.POST,
        request.FILES,
        contribution=contribution,
        oversized=getattr(request, "oversized_uploads", None),
    )
    if form.is_valid():
        try:
            revision = services.revision_add(
                contribution_id=contribution.pk,
                by=request.user,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(label)s in %(language)s is uploaded; earlier files are kept.")
                % {"label": revision.label, "language": revision.document.get_language_display()},
            )
            return redirect(contribution)
    response = _detail(request, contribution, revision_form=form)
    response.status_code = 400
    return response


@login_required
def contribution_withdraw(request, pk):
    contribution = get_object_or_404(Contribution.objects.visible_to(request.user), pk=pk)
    require(request, "contributions.handle_contribution", contribution)
    form = OptionalReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_withdraw(
                contribution_id=contribution.pk, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("The contribution is withdrawn; its record is kept."))
        return redirect(contribution)
    return render(
        request, "contributions/withdraw.html", {"contribution": contribution, "form": form}
    )
