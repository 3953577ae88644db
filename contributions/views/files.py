"""Downloads: a revision's file, the contribution template, a meeting's archive."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from copportal.languages import Language
from copportal.uploads import generated_file_response, stored_file_response
from meetings.models import Meeting

from .. import archives, template_docx
from ..models import Revision
from .access import as_int, get_visible, login_for_members


@csp_override({"default-src": [CSP.NONE], "sandbox": True})
@login_for_members
def revision_download(request, pk):
    """A file, to those who may see its contribution: always as an attachment, never sniffed."""
    revision = get_object_or_404(
        Revision.objects.select_related("document__contribution__meeting"), pk=pk
    )
    # A 404, or the sign-in for a members-only one, unless the reader may see it.
    get_visible(request, pk=revision.document.contribution_id)
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
    meeting = Meeting.objects.upcoming().filter(number=as_int(number)).first() if number else None
    return generated_file_response(
        template_docx.contribution_template(language, meeting),
        filename=f"CWG-COP-contribution-template-{language}.docx",
        content_type=template_docx.CONTENT_TYPE,
    )


def meeting_archive(request, number, language):
    """All public documents of a meeting in one language, as one ZIP: streamed when built;
    while it is built, a page that says how far it is and reloads itself (no JavaScript)."""
    if language not in Language.values:
        raise Http404
    meeting = get_object_or_404(Meeting, number=number)
    archive = archives.meeting_archive_request(meeting=meeting, language=language)
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
