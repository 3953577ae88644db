"""A delivery's status changes here (copportal/workflow.py), each as one conditional UPDATE.

Mail deliveries are the hot path: every change is a compare-and-set on the statuses the table
gives (`guarded`), so of two workers each row goes to one, with no row lock and no extra
statement. The table records no event (`record=False`): a delivery's own columns (attempts,
claimed_at, sent_at, last_error, resent_by) are its record.
"""

from copportal.workflow import Workflow, step

from .models import Delivery

Status = Delivery.Status


def _guarded(sources, action, target) -> object:
    return step(sources, action, target, guarded=True, record=False)


WORKFLOW = Workflow(
    model=Delivery,
    transitions=[
        _guarded(Status.QUEUED, "claim", Status.SENDING),  # a worker takes it
        _guarded(Status.SENDING, "mark-sent", Status.SENT),  # the server accepted it
        _guarded(Status.SENDING, "retry", Status.QUEUED),  # refused: again after back-off
        _guarded(Status.SENDING, "fail", Status.FAILED),  # refused at the last attempt
        _guarded(Status.SENDING, "put-back", Status.QUEUED),  # claimed, not tried
        _guarded(Status.SENDING, "expire", Status.CANCELLED),  # its deadline has passed
        _guarded(Status.FAILED, "resend", Status.QUEUED),  # an officer tries once more
        _guarded([Status.QUEUED, Status.SENDING], "requeue-stalled", Status.QUEUED),
        _guarded(Status.QUEUED, "cancel", Status.CANCELLED),  # the event changed
    ],
)
