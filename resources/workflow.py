"""The status of a resource changes here: published, or back to draft (copportal/workflow.py).

The service (resources/services.py) refreshes the search vector and the suggestions' words
after a transition; the table itself sends no mail.
"""

from django.utils.translation import gettext_lazy

from copportal.workflow import Workflow, step

from .models import Resource, ResourceEvent

Status = Resource.Status
Event = ResourceEvent.Action
PUBLISH = "resources.publish_resource"


def _publish(resource: Resource, *, by, note: str, at) -> str:
    resource.published_at = at
    return note


def _validate(resource: Resource) -> None:
    # `title` is modeltranslation's view of the current language's column; the search vector
    # is the service's to refresh (as resources/services.py's _save).
    resource.full_clean(exclude=["search_vector", "title"])


WORKFLOW = Workflow(
    model=Resource,
    transitions=[
        step(
            Status.DRAFT,
            "publish",
            Status.PUBLISHED,
            PUBLISH,
            gettext_lazy("Publish"),
            event=Event.PUBLISHED,
            effect=_publish,
        ),
        step(
            Status.PUBLISHED,
            "unpublish",
            Status.DRAFT,
            PUBLISH,
            gettext_lazy("Back to draft"),
            event=Event.UNPUBLISHED,
        ),
    ],
    event_model=ResourceEvent,
    event_object="resource",
    validate=_validate,
)
