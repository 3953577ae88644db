from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AffiliationRefuseForm, AffiliationRequestForm, ApiTokenForm, ProfileForm
from .models import Affiliation, ApiToken
from .permissions import permission_required


@login_required
def me(request):
    """The signed-in user's page: roles, affiliations and their state, profile."""
    user = request.user
    if request.method == "POST":
        profile_form = ProfileForm(request.POST, instance=user)
        if profile_form.is_valid():
            profile_form.save()
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:me")
    else:
        profile_form = ProfileForm(instance=user)
    affiliations = user.affiliations.select_related("organization").order_by("-requested_at")
    return render(
        request,
        "accounts/me.html",
        {
            "profile_form": profile_form,
            "affiliations": affiliations,
            "request_form": AffiliationRequestForm(),
            "token_form": ApiTokenForm(),
            "tokens": user.api_tokens.all(),
        },
    )


@login_required
@require_POST
def api_token_create(request):
    """A new personal API token: its secret is shown on this page, once."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name (up to 100 characters)."))
        return redirect("accounts:me")
    token, secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    response = render(
        request, "accounts/api_token_created.html", {"token": token, "secret": secret}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def api_token_revoke(request, pk):
    """Revoke one of one's own tokens, after a confirmation (others' tokens are a 404)."""
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    if request.method == "POST":
        services.api_token_revoke(token_id=token.pk, by=request.user)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name},
        )
        return redirect("accounts:me")
    return render(request, "accounts/api_token_revoke.html", {"token": token})


@login_required
def affiliation_request(request):
    form = AffiliationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.affiliation_request(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your request is sent. The secretariat will review it; you will see "
                    "the decision here."
                ),
            )
            return redirect("accounts:me")
    return render(request, "accounts/affiliation_request.html", {"form": form})


@permission_required("accounts.review_affiliations")
def affiliation_queue(request):
    """The secretariat's queue: pending requests first, then the latest decisions."""
    pending = Affiliation.objects.pending().select_related("user", "organization")
    pending = pending.order_by("requested_at")
    decided = (
        Affiliation.objects.exclude(status=Affiliation.Status.PENDING)
        .select_related("user", "organization", "decided_by")
        .order_by("-decided_at")[:20]
    )
    return render(
        request,
        "accounts/affiliation_queue.html",
        {"pending": pending, "decided": decided, "refuse_form": AffiliationRefuseForm()},
    )


@permission_required("accounts.review_affiliations")
@require_POST
def affiliation_decide(request, pk, decision):
    affiliation = get_object_or_404(Affiliation, pk=pk)
    try:
        if decision == "approve":
            affiliation = services.affiliation_approve(
                affiliation_id=affiliation.pk, by=request.user
            )
            messages.success(
                request,
                _("%(user)s is now a delegate of %(organization)s.")
                % {"user": affiliation.user, "organization": affiliation.organization_name},
            )
        else:
            form = AffiliationRefuseForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the request is refused: the person sees it."))
                return redirect("accounts:affiliation_queue")
            services.affiliation_refuse(
                affiliation_id=affiliation.pk, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The request is refused; the person sees your reason."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:affiliation_queue")
