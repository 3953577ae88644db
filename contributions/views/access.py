"""Who may see a contribution, and what the pages load with it: shared by the views."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..models import Contribution, ContributionSource, Document, Revision

Status = Contribution.Status


def with_relations(contributions):
    """Everything the list and detail pages show, in a constant number of queries."""
    sources = Prefetch(
        "source_links", queryset=ContributionSource.objects.select_related("organization")
    )
    documents = Prefetch(
        "documents",
        queryset=Document.objects.prefetch_related(
            # Never the extracted text (megabytes per page): no page shows it.
            Prefetch(
                "revisions",
                queryset=Revision.objects.select_related("uploaded_by").defer("text"),
            )
        ),
    )
    return contributions.select_related(
        "meeting", "submitter", "carried_over_from"
    ).prefetch_related(sources, "themes", "audiences", documents)


def listed(contributions):
    """What a list row shows (symbol, title, meeting, sources, kind, purpose, languages), and
    nothing else: no abstracts, no files, never their extracted text. Constant queries."""
    # Ordered by their own columns: the models' default orderings join the contribution and
    # its meeting again in every prefetch.
    sources = Prefetch(
        "source_links",
        queryset=ContributionSource.objects.select_related("organization").order_by(
            "contribution_id", "order"
        ),
    )
    documents = Prefetch(
        "documents",
        queryset=Document.objects.only("contribution_id", "language").order_by(
            "contribution_id", "language"
        ),
    )
    return (
        contributions.select_related("meeting")
        .only(
            "number",
            "title",
            "original_language",
            "kind",
            "purpose",
            "status",
            "visibility",
            "is_late",
            "version",
            "meeting__number",
            "meeting__start_date",
            "meeting__end_date",
            "meeting__time_zone",
            "meeting__deadline_override",
        )
        .prefetch_related(sources, documents)
    )


def get_visible(request, **lookup) -> Contribution:
    """The contribution if the user may see it; sign-in for members-only ones; else 404."""
    queryset = with_relations(Contribution.objects.all())
    contribution = get_object_or_404(queryset, **lookup)
    if Contribution.objects.visible_to(request.user).filter(pk=contribution.pk).exists():
        return contribution
    if not request.user.is_authenticated and contribution.status == Status.PUBLISHED:
        raise LoginRequired
    raise Http404


class LoginRequired(Exception):
    pass


def login_for_members(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginRequired:
            messages.info(request, _("This contribution is for members: sign in to see it."))
            return redirect_to_login(request.get_full_path())

    return wrapped


def require(request, permission, contribution) -> None:
    if not request.user.has_perm(permission, contribution):
        raise PermissionDenied


def as_int(value: str) -> int | None:
    """A query parameter as a positive number, or None when it is not one."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None
