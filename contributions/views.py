import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required
from copportal.date_text import datetime_seconds_text, datetime_text
from copportal.languages import Language
from copportal.search import read_query
from copportal.uploads import limits_text, stored_file_response
from meetings.liaison import services as liaison_services
from meetings.models import LiaisonNote, Meeting

from . import list_rows, services, template_docx, workflow
from .forms import (
    FILTER_SOURCES,
    SOURCE_FILTER,
    ContributionFilterForm,
    ContributionForm,
    OptionalReasonForm,
    ReasonForm,
    RevisionForm,
    VisibilityForm,
)
from .models import Contribution, ContributionSource, Document, Revision

PAGE_SIZE = 50
Status = Contribution.Status


def _with_relations(contributions):
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


def _listed(contributions):
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


def _get_visible(request, **lookup) -> Contribution:
    """The contribution if the user may see it; sign-in for members-only ones; else 404."""
    queryset = _with_relations(Contribution.objects.all())
    contribution = get_object_or_404(queryset, **lookup)
    if Contribution.objects.visible_to(request.user).filter(pk=contribution.pk).exists():
        return contribution
    if not request.user.is_authenticated and contribution.status == Status.PUBLISHED:
        raise _LoginRequired
    raise Http404


class _LoginRequired(Exception):
    pass


def _login_for_members(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            messages.info(request, _("This contribution is for members: sign in to see it."))
            return redirect_to_login(request.get_full_path())

    return wrapped


def _require(request, permission, contribution) -> None:
    if not request.user.has_perm(permission, contribution):
        raise PermissionDenied


def contribution_list(request):
    """Published contributions with filters; members also see members-only ones. With `?q=`,
    the matches best first (Contribution.objects.search)."""
    form = ContributionFilterForm(request.GET or None)
    contributions = Contribution.objects.listed_for(request.user)
    ignored = []
    if form.is_bound:
        # A bad value drops its own filter, and only it: the others still apply.
        form.is_valid()
        contributions = _filtered(contributions, form.cleaned_data)
        ignored = [
            {"label": form[name].label, "value": form.data.get(name, "")[:40]}
            for name in form.errors
        ]
    words, notes = read_query(request.GET.get("q", ""))
    if words:
        contributions = list_rows.columns(contributions.search(words))  # best first
    else:
        contributions = list_rows.columns(contributions).order_by("-meeting__number", "number")
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "ignored": ignored,
        "notes": notes,
        "searched": words,
    }
    context["rows"] = list_rows.rendered_rows(page.object_list)
    return render(request, "contributions/contribution_list.html", context)


def _filtered(contributions, data):
    if data.get("meeting"):
        contributions = contributions.filter(meeting__number=data["meeting"])
    if data.get("kind"):
        contributions = contributions.filter(kind=data["kind"])
    links = ContributionSource.objects.values("contribution")
    if data.get("source"):
        contributions = contributions.filter(pk__in=links.filter(organization=data["source"]))
    if data.get("region"):
        contributions = contributions.filter(
            pk__in=links.filter(organization__region=data["region"])
        )
    if data.get("theme"):
        contributions = contributions.filter(themes=data["theme"])
    if data.get("language"):
        documents = Document.objects.filter(language=data["language"], revisions__isnull=False)
        contributions = contributions.filter(pk__in=documents.values("contribution"))
    return contributions


@login_required
def my_contributions(request):
    """The dashboard, where signing in lands. A delegate's part: their drafts and submissions
    with the state and next action of each, the next deadline, their affiliations. An
    officer's part (the chair, the secretariat): what waits on them for the next meeting.
    Someone who is both sees both."""
    user = request.user
    contributions = list(_listed(Contribution.objects.authored_by(user)).order_by("-created_at"))
    drafts = [c for c in contributions if c.status == Status.DRAFT]
    others = [c for c in contributions if c.status != Status.DRAFT]
    next_meeting = next(
        (m for m in Meeting.objects.upcoming().real() if not m.is_past_deadline()), None
    ) or next((m for m in Meeting.objects.upcoming() if not m.is_past_deadline()), None)
    affiliations = list(user.affiliations.select_related("organization").order_by("-requested_at"))
    officer = _officer_part(user) if user.has_perm("contributions.view_submitted") else None
    return render(
        request,
        "contributions/my_contributions.html",
        {
            "drafts": drafts,
            "submitted": others,
            "next_meeting": next_meeting,
            "affiliations": affiliations,
            "officer": officer,
            # An officer with no affiliation and nothing of their own sees the officer's part
            # only: the delegate's would only say they are not a delegate.
            "delegate_part": officer is None or bool(affiliations or contributions),
        },
    )


LATE_SHOWN = 10  # late contributions listed on the officer's dashboard; the desk has them all


def _officer_part(user) -> dict:
    """What waits on the chair and the secretariat (five queries, whatever the numbers): the
    next meeting (a real one before a demonstration) with its contributions on the desk and its
    agenda's state, late contributions of every meeting, and the liaison notes not yet sent
    with what this user may do to each."""
    meeting = Meeting.objects.upcoming().for_page().order_by("is_demo", "start_date").first()
    desk = agenda_items = None
    if meeting:
        desk = Contribution.objects.for_meeting(meeting).aggregate(
            submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
            late=Count("pk", filter=Q(status=Status.LATE)),
            accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
        )
        agenda_items = meeting.agenda_items.count()
    late = list(
        Contribution.objects.filter(status=Status.LATE)
        .select_related("meeting")
        .order_by("meeting__start_date", "submitted_at", "pk")[: LATE_SHOWN + 1]
    )
    notes = list(
        LiaisonNote.objects.exclude(status=LiaisonNote.Status.SENT)
        .select_related("meeting")
        .order_by("meeting__start_date", "pk")
    )
    for note in notes:
        note.actions = [
            liaison_services.LIAISON_NOTE_ACTIONS[action]
            for action in liaison_services.liaison_note_allowed_actions(note, user)
        ]
    return {
        "meeting": meeting,
        "desk": desk,
        "agenda_items": agenda_items,
        "late": late[:LATE_SHOWN],
        "more_late": len(late) > LATE_SHOWN,
        "notes": notes,
    }


@_login_for_members
def contribution_detail(request, meeting, number):
    contribution = _get_visible(request, meeting__number=meeting, number=number)
    return _detail(request, contribution)


@_login_for_members
def contribution_detail_by_id(request, pk):
    contribution = _get_visible(request, pk=pk)
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


def _form_page(request, form, contribution=None):
    meetings = Meeting.objects.upcoming()
    return render(
        request,
        "contributions/contribution_form.html",
        {
            "form": form,
            "contribution": contribution,
            "upcoming": meetings,
            "limits": limits_text(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def contribution_submit(request):
    """The guided submission form: save a draft, or submit at once."""
    user = request.user
    if not user.has_perm("contributions.add_contribution"):
        pending = user.affiliations.pending().select_related("organization")
        return render(
            request, "contributions/not_a_delegate.html", {"pending": pending}, status=403
        )
    if request.method == "POST":
        form = ContributionForm(
            request.POST,
            request.FILES,
            user=user,
            oversized=getattr(request, "oversized_uploads", None),
        )
        if request.POST.get("action") == FILTER_SOURCES:
            return _form_page(request, _refiltered(request, form))
        if form.is_valid():
            return _save(request, form)
    else:
        initial = {"creation_token": uuid.uuid4(), "opened_at": timezone.now()}
        number = request.GET.get("meeting", "")
        if number:
            meeting = Meeting.objects.upcoming().filter(number=_as_int(number)).first()
            if meeting:
                initial["meeting"] = meeting
            else:
                messages.warning(
                    request,
                    _("“%(value)s” is not an upcoming meeting's number: choose the meeting below.")
                    % {"value": number[:20]},
                )
        form = ContributionForm(initial=initial, user=user)
    return _form_page(request, form)


def _refiltered(request, form) -> ContributionForm:
    """The form as it was posted, unsaved and without errors, its Source list narrowed by the
    filter box (the picker's filter when JavaScript is off). A browser never refills a file
    input: the page says to choose the file again."""
    initial = {name: form[name].data for name in form.fields if name != "file"}
    if request.FILES.get("file"):
        messages.warning(
            request,
            _("The file you chose was not kept while filtering: choose it again before saving."),
        )
    return ContributionForm(
        initial=initial,
        instance=form.instance if form.instance.pk else None,
        user=form.user,
        has_file=form.has_file,
        source_filter=request.POST.get(SOURCE_FILTER, ""),
    )


def _as_int(value: str) -> int | None:
    """A query parameter as a positive number, or None when it is not one."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@login_required
def contribution_edit(request, pk):
    contribution = get_object_or_404(Contribution.objects.authored_by(request.user), pk=pk)
    if not contribution.is_editable_draft:
        messages.info(
            request,
            _(
                "This contribution is %(status)s: it can no longer be edited. Upload a revision "
                "instead."
            )
            % {"status": contribution.get_status_display().lower()},
        )
        return redirect(contribution)
    has_file = contribution.documents.filter(
        language=contribution.original_language, revisions__isnull=False
    ).exists()
    if request.method == "POST":
        form = ContributionForm(
            request.POST,
            request.FILES,
            instance=contribution,
            user=request.user,
            has_file=has_file,
            oversized=getattr(request, "oversized_uploads", None),
        )
        if request.POST.get("action") == FILTER_SOURCES:
            return _form_page(request, _refiltered(request, form), contribution)
        if form.is_valid():
            return _save(request, form, contribution)
    else:
        initial = {"version": contribution.version, "opened_at": timezone.now()}
        form = ContributionForm(
            instance=contribution, initial=initial, user=request.user, has_file=has_file
        )
    return _form_page(request, form, contribution)


def _save(request, form, contribution=None):
    data = form.cleaned_data
    fields = {name: data[name] for name in services.AUTHOR_FIELDS}
    common = {
        "by": request.user,
        "sources": list(data["sources"]),
        "themes": list(data["themes"]),
        "audiences": list(data["audiences"]),
        "upload": data.get("file"),
    }
    try:
        if contribution is None:
            common["submitter"] = common.pop("by")
            contribution, created = services.contribution_create(
                creation_token=data.get("creation_token"), **common, **fields
            )
            if not created:
                messages.info(
                    request,
                    _(
                        "This form was already sent: here is what it saved. Nothing was saved "
                        "twice."
                    ),
                )
                return redirect(contribution)
        else:
            contribution = services.contribution_update(
                contribution_id=contribution.pk,
                version=data.get("version") or 0,
                **common,
                **fields,
            )
    except ValidationError as error:
        if getattr(error, "code", None) == "already-submitted":
            messages.info(request, error.messages[0])
            return redirect(contribution)
        form.add_error(None, error)
        return _form_page(request, form, contribution)
    if request.POST.get("action") == "submit":
        return _submit(request, contribution, opened_at=data.get("opened_at"))
    messages.success(
        request,
        _("Your draft is saved. Only you and your co-sponsors see it until you submit it."),
    )
    return redirect(contribution)


def _submit(request, contribution, *, opened_at=None):
    try:
        contribution = services.contribution_submit(
            contribution_id=contribution.pk,
            by=request.user,
            version=contribution.version,
            # Judged by when the request arrived (stamped by a middleware before the body is
            # read, when there is one), not by when this code runs.
            at=getattr(request, "arrived_at", None),
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "already-submitted":
            messages.info(request, error.messages[0])
        else:
            messages.error(request, " ".join(error.messages))
        return redirect(contribution)
    meeting = contribution.meeting
    deadline = datetime_text(meeting.deadline, meeting.time_zone)
    # The receipt: to the second, in the meeting's zone, said with it.
    received = _("Received %(time)s.") % {
        "time": datetime_seconds_text(contribution.submitted_at, meeting.time_zone)
    }
    if contribution.is_late:
        text = _(
            "Your contribution is submitted, but after the deadline (%(deadline)s): it is marked "
            "late. The secretariat will accept it for this meeting or carry it over to the next, "
            "and tell you why."
        ) % {"deadline": deadline}
        if opened_at and opened_at <= meeting.deadline:
            text = _("The deadline passed while you were filling in the form.") + " " + text
        messages.warning(request, f"{received} {text}")
    else:
        text = _(
            "Your contribution is submitted on time. The secretariat will check it and give "
            "it its symbol; you may upload revisions until the deadline."
        )
        messages.success(request, f"{received} {text}")
    return redirect(contribution)


@login_required
@require_POST
def contribution_submit_draft(request, pk):
    contribution = get_object_or_404(Contribution.objects.authored_by(request.user), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    contribution.version = version if version is not None else contribution.version
    return _submit(request, contribution)


@login_required
@_login_for_members
def revision_upload(request, pk):
    """A new revision of a language version, or a first file in another language."""
    contribution = _get_visible(request, pk=pk)
    _require(request, "contributions.handle_contribution", contribution)
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
    _require(request, "contributions.handle_contribution", contribution)
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


@permission_required("contributions.use_desk")
def desk(request):
    """The secretariat's desk: per meeting, what waits for a decision and what to publish."""
    meetings = list(Meeting.objects.order_by("-start_date"))
    number = request.GET.get("meeting")
    meeting = next((m for m in meetings if str(m.number) == number), None)
    if meeting is None:
        upcoming = Meeting.objects.upcoming().first()
        meeting = upcoming or (meetings[0] if meetings else None)
    contributions = (
        _with_relations(Contribution.objects.for_meeting(meeting)).exclude(status=Status.DRAFT)
        if meeting
        else Contribution.objects.none()
    )
    groups = {status: [] for status in Status.values}
    for contribution in contributions.order_by("submitted_at", "pk"):
        contribution.actions = contribution.allowed_actions(request.user)
        groups[contribution.status].append(contribution)
    waiting = Contribution.objects.waiting().values_list("meeting__number", flat=True)
    return render(
        request,
        "contributions/desk.html",
        {
            "meeting": meeting,
            "meetings": meetings,
            "groups": groups,
            "waiting_meetings": sorted(set(waiting)),
            "reason_form": ReasonForm(),
            "statuses": Status,
        },
    )


# The desk's buttons: the workflow's decisions (submit and withdraw have pages of their own).
DESK_ACTIONS = (workflow.ACTIONS - {"submit", "submit-late", "withdraw"}) | {"visibility"}


@permission_required("contributions.use_desk")
@require_POST
def desk_action(request, pk, action):
    if action not in DESK_ACTIONS:
        raise Http404
    contribution = get_object_or_404(Contribution.objects.exclude(status=Status.DRAFT), pk=pk)
    meeting_number = contribution.meeting.number
    try:
        text = _desk_apply(request, contribution, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text)
    if request.POST.get("next") == "detail":
        return redirect(Contribution.objects.get(pk=pk))
    return redirect(f"{reverse('contributions:desk')}?meeting={meeting_number}")


def _reason(request, contribution, action) -> str:
    """The reason sent with a decision; required where the workflow's table asks for one
    (carry-over, rejection, accepting a late contribution)."""
    form = ReasonForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["reason"]
    transition = workflow.TRANSITIONS.get((contribution.status, action))
    if transition is not None and transition.needs_reason:
        raise ValidationError(_("Give a reason: the submitter sees it."))
    return ""


def _desk_apply(request, contribution, action) -> str:
    by, pk = request.user, contribution.pk
    if action == "visibility":
        form = VisibilityForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose public or members only."))
        done = services.contribution_set_visibility(
            contribution_id=pk, by=by, visibility=form.cleaned_data["visibility"]
        )
        return _("Visibility: %(visibility)s.") % {"visibility": done.get_visibility_display()}
    if action == "publish":
        done = services.contribution_publish(contribution_id=pk, by=by)
        return _("%(symbol)s is published.") % {"symbol": done.symbol}
    reason = _reason(request, contribution, action)
    if action == "accept":
        done = services.contribution_accept(contribution_id=pk, by=by, reason=reason)
        if reason:
            return _("Accepted as %(symbol)s; the submitter sees your reason.") % {
                "symbol": done.symbol
            }
        return _("Accepted as %(symbol)s.") % {"symbol": done.symbol}
    if action == "reject":
        services.contribution_reject(contribution_id=pk, by=by, reason=reason)
        return _("Rejected; the submitter sees your reason.")
    done = services.contribution_carry_over(contribution_id=pk, by=by, reason=reason)
    return _("Carried over to meeting %(number)s; the submitter sees your reason.") % {
        "number": done.meeting.number
    }


@csp_override({"default-src": [CSP.NONE], "sandbox": True})
@_login_for_members
def revision_download(request, pk):
    """A file, to those who may see its contribution: always as an attachment, never sniffed."""
    revision = get_object_or_404(
        Revision.objects.select_related("document__contribution__meeting"), pk=pk
    )
    # A 404, or the sign-in for a members-only one, unless the reader may see it.
    _get_visible(request, pk=revision.document.contribution_id)
    return stored_file_response(
        revision.file,
        allowed=True,
        filename=revision.download_name,
        file_type=revision.file_type,
    )


def contribution_template(request, language):
    """The contribution template as a DOCX, in one of the interface languages: for the
    meeting of ?meeting=N (an upcoming one), else for the meetings open for contributions."""
    if language not in dict(template_docx.template_languages()):
        raise Http404
    number = request.GET.get("meeting", "")
    meeting = Meeting.objects.upcoming().filter(number=_as_int(number)).first() if number else None
    response = HttpResponse(
        template_docx.contribution_template(language, meeting),
        content_type=template_docx.CONTENT_TYPE,
    )
    response["Content-Disposition"] = (
        f'attachment; filename="CWG-COP-contribution-template-{language}.docx"'
    )
    return response


def meeting_archive(request, number, language):
    """All public documents of a meeting in one language, as one ZIP: streamed when built;
    while it is built, a page that says how far it is and reloads itself (no JavaScript)."""
    if language not in Language.values:
        raise Http404
    meeting = get_object_or_404(Meeting, number=number)
    archive = services.meeting_archive_request(meeting=meeting, language=language)
    archive.refresh_from_db()  # built already when tasks run in-process
    if archive.is_ready:
        return stored_file_response(
            archive.file,
            allowed=True,  # public material only (contributions/archives.py)
            filename=archive.download_name,
            file_type="zip",
            cache_control="no-cache",
        )
    response = render(
        request,
        "contributions/meeting_archive_progress.html",
        {"meeting": meeting, "archive": archive, "language": Language(language)},
        status=202,
    )
    response["Cache-Control"] = "no-store"
    response["Refresh"] = "3"
    return response
