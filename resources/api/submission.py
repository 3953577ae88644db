"""A delegate submits a contribution through the API, under the form's rules: the same form
(contributions.forms.ContributionForm) validates the request, the same services save and
submit it, judged by when the request arrived (late after the deadline, as in the form)."""

import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from contributions import services
from contributions.forms import ContributionForm
from contributions.models import Contribution
from contributions.views.access import with_relations
from copportal.uploads import atomic_with_uploads
from meetings.models import Meeting

from .access import WRITE
from .contributions import ContributionDetail, detail, router
from .schemas import ERRORS, BadRequest, form_errors


class SubmissionIn(Schema):
    meeting: int = Field(description="The meeting's number (an upcoming meeting).")
    title: str = Field(min_length=1, max_length=300)
    action: Literal["submit", "draft"] = Field(
        "submit", description="Submit at once (the default), or save a draft."
    )
    sources: list[int] = Field([], description="Organization ids; yours among them.")
    kind: str = Field("contribution", description="contribution, regional-report, good-practice")
    purpose: str = Field("", description="action or information (needed to submit).")
    action_requested: str = ""
    abstract: str = Field("", description="Needed to submit.")
    themes: list[int] = Field([], description="Theme ids (GET /api/v1/roadmap/).")
    audiences: list[int] = Field([], description="Audience ids (GET /api/v1/roadmap/).")
    original_language: str = Field("en", description="The document's language: ar, zh, en ...")
    contacts: str = ""
    creation_token: uuid.UUID | None = Field(
        None, description="Any UUID: sending the same one again returns the first contribution."
    )


def _form_data(request, data: SubmissionIn):
    """The request as the form reads it: the meeting by its id, the defaults the HTML form
    would have sent for the selects left out."""
    posted = request.POST.copy()
    meeting = Meeting.objects.filter(number=data.meeting).values_list("pk", flat=True).first()
    posted["meeting"] = str(meeting or "")
    posted["action"] = data.action
    for name in ("kind", "original_language"):
        posted.setdefault(name, getattr(data, name))
    return posted


@router.post(
    "",
    auth=WRITE,
    response={200: ContributionDetail, 201: ContributionDetail, **ERRORS},
    summary="Submit a contribution",
)
def contribution_submit(request, data: Form[SubmissionIn], file: File[UploadedFile] | None = None):
    """Submit a contribution, or save a draft, with its file (multipart). Delegates only
    (an approved affiliation), for an upcoming meeting; after the deadline it is submitted
    late, as with the form. 201 with the contribution as its author sees it; 200 with the
    first one when `creation_token` was already used."""
    user = request.user
    if not user.has_perm("contributions.add_contribution"):
        raise PermissionDenied(
            _("Only delegates (with an approved affiliation) may submit contributions.")
        )
    form = ContributionForm(
        _form_data(request, data),
        request.FILES,
        user=user,
        oversized=getattr(request, "oversized_uploads", None),
    )
    if not form.is_valid():
        raise BadRequest(_("The contribution is not valid."), form_errors(form))
    cleaned = form.cleaned_data
    try:
        # All or nothing: a refused submission leaves no draft, and no stored file.
        with atomic_with_uploads():
            contribution, created = _save(request, user, data, cleaned)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else None
        raise BadRequest(" ".join(error.messages), errors) from None
    if not created and not Contribution.objects.authored_by(user).filter(pk=contribution.pk):
        raise BadRequest(_("This creation_token belongs to another contribution."))
    saved = with_relations(Contribution.objects.filter(pk=contribution.pk)).get()
    return Status(201 if created else 200, detail(request, saved))


def _save(request, user, data: SubmissionIn, cleaned: dict) -> tuple[Contribution, bool]:
    """What the form's view does with a valid form: save the draft, then submit it."""
    contribution, created = services.contribution_create(
        submitter=user,
        creation_token=cleaned.get("creation_token"),
        sources=list(cleaned["sources"]),
        themes=list(cleaned["themes"]),
        audiences=list(cleaned["audiences"]),
        upload=cleaned.get("file"),
        **{name: cleaned[name] for name in services.AUTHOR_FIELDS},
    )
    if created and data.action == "submit":
        contribution = services.contribution_submit(
            contribution_id=contribution.pk,
            by=user,
            version=contribution.version,
            # When the request arrived (stamped before the body was read), as the form does.
            at=getattr(request, "arrived_at", None),
        )
    return contribution, created
