"""Events, then mail: `notify` turns an event into one Delivery per recipient, and the send
task (tasks.py, with sending.py) claims, sends and marks each one. Here too: who receives what
(preferences, one-click unsubscribe) and the writes that queue deliveries again or cancel them.

Exactly once: (key, address) is unique, so a second notify for the same event creates
nothing; the task claims a row with a compare-and-set (queued -> sending) before sending, so a
task delivered twice sends once; mail goes out after commit and outside any transaction or lock.
The one window left is a worker dying between the SMTP server's "250 OK" and the mark "sent":
the sweep then sends again, with the same Message-ID, which lets the receiving side drop it.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.html import escape

from copportal.languages import Language

from . import kinds, workflow
from .models import Delivery, Preference

UNSUBSCRIBE_SALT = "copportal.notifications.unsubscribe"


@dataclass(frozen=True)
class Recipient:
    """A user (their address, name and language), or an address without an account."""

    user: object = None
    email: str = ""
    language: str = ""
    name: str = ""

    @property
    def address(self) -> str:
        return (self.user.email if self.user is not None else self.email).strip().lower()

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() if self.user is not None else self.name

    @property
    def mail_language(self) -> str:
        """The language the mail is written in: the person's (one of the six), else English."""
        wanted = self.user.language if self.user is not None else self.language
        if wanted in Language.values:  # a document's code: "zh" is the interface's "zh-hans"
            wanted = Language(wanted).locale
        return wanted if wanted in dict(settings.LANGUAGES) else "en"


def site_name() -> str:
    return str(getattr(settings, "SITE_NAME", "CWG-COP Portal"))


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


# --- One-click unsubscribe: a signed token bound to the person and the kind -------------------
def unsubscribe_token(*, kind: str, user=None, email: str = "") -> str:
    person = {"u": user.pk} if user is not None else {"e": email.strip().lower()}
    return signing.dumps({**person, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> dict:
    """The token's person and kind; raises signing.BadSignature if forged or altered."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in kinds.KINDS:
        raise signing.BadSignature("unknown kind")
    if not isinstance(data.get("u"), int) and not isinstance(data.get("e"), str):
        raise signing.BadSignature("no person")
    return data


@transaction.atomic
def preference_set(*, kind: str, enabled: bool, user=None, email: str = "") -> Preference:
    kinds.get(kind)
    if user is not None:
        preference, _ = Preference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": enabled}
        )
    else:
        preference, _ = Preference.objects.update_or_create(
            user=None, email=email.strip().lower(), kind=kind, defaults={"enabled": enabled}
        )
    return preference


def unsubscribe(*, token: str) -> Preference:
    """Turn off the token's kind for the token's person (BadSignature if the token is not ours)."""
    data = unsubscribe_read(token)
    if "u" in data:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(pk=data["u"])
        return preference_set(kind=data["k"], enabled=False, user=user)
    return preference_set(kind=data["k"], enabled=False, email=data["e"])


def _opted_out(kind: str) -> tuple[set[int], set[str]]:
    """The users and the addresses that turned this kind off (a small table: two queries)."""
    off = Preference.objects.filter(kind=kind, enabled=False)
    users = set(off.filter(user__isnull=False).values_list("user_id", flat=True))
    emails = set(off.filter(user__isnull=True).values_list("email", flat=True))
    return users, emails


def _path_in(path: str, language: str) -> str:
    """A site path (/meetings/20/ or /fr/meetings/20/) in another language's prefix."""
    with translation.override(translation.get_language_from_path(path) or "en"):
        return translate_url(path, language)


def _localized(value, language: str):
    """Site paths in the context (keys "path" or "*_path") in the recipient's language."""
    if isinstance(value, dict):
        return {
            key: _path_in(item, language)
            if isinstance(item, str) and (key == "path" or key.endswith("_path"))
            else _localized(item, language)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_localized(item, language) for item in value]
    return value


def _unsubscribe_url(kind: str, recipient: Recipient) -> str:
    token = unsubscribe_token(kind=kind, user=recipient.user, email=recipient.email)
    with translation.override(recipient.mail_language):
        return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def _render(kind: str, recipient: Recipient, context: dict, *, name=None, unsubscribe=None) -> dict:
    """The recipient's mail; `context` is already in their language (_localized).

    `name` and `unsubscribe` replace the recipient's name and unsubscribe URL in the
    templates' context: `_render_many` passes placeholders there, to render once for many."""
    language = recipient.mail_language
    with translation.override(language):
        unsubscribe_url = unsubscribe or _unsubscribe_url(kind, recipient)
        preferences_url = settings.SITE_URL + reverse("notifications:preferences")
        full = {
            **context,
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": site_name(),
            "LANGUAGE": language,
            "recipient_name": recipient.display_name if name is None else name,
            "kind_label": kinds.get(kind).label,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": preferences_url if recipient.user is not None else "",
        }
        subject = render_to_string(f"emails/{kind}/subject.txt", full)
        text = render_to_string(f"emails/{kind}/body.txt", full)
        html = render_to_string(f"emails/{kind}/body.html", full)
    return {
        "language": language,
        "subject": " ".join(subject.split())[:500],
        "text": text,
        "html": html,
        "unsubscribe_url": unsubscribe_url,
    }


# Placeholders for the two things that differ between recipients of one event: characters
# of Unicode's private use area, which no text, translation or escaping produces or changes.
NAME_HOLE = "\ue000\ue001"
URL_HOLE = "\ue000\ue002"


def _render_many(kind: str, recipients: list[Recipient], context: dict) -> list[dict]:
    """`_render` for each recipient (all in one language, `context` localized for it), with
    the templates rendered once per group of recipients that read the same mail but for their
    name and unsubscribe link (the preferences link is shown to account holders only, the
    greeting to those with a name); the name and link are then put in, escaped for the HTML.
    tests/notifications/test_templates.py checks this gives `_render`'s mail for every kind."""
    groups: dict[tuple[bool, bool], dict] = {}
    mails = []
    for recipient in recipients:
        name, url = recipient.display_name, _unsubscribe_url(kind, recipient)
        shape = (recipient.user is not None, bool(name))
        if shape not in groups:
            groups[shape] = _render(
                kind, recipient, context, name=NAME_HOLE if name else "", unsubscribe=URL_HOLE
            )
        mail = groups[shape]
        mails.append(
            {
                "language": mail["language"],
                "subject": _fill(mail["subject"], name, url)[:500],
                "text": _fill(mail["text"], name, url),
                "html": _fill(mail["html"], escape(name), escape(url)),
                "unsubscribe_url": url,
            }
        )
    return mails


def _fill(rendered: str, name: str, url: str) -> str:
    return rendered.replace(NAME_HOLE, name).replace(URL_HOLE, url)


def notify(
    *,
    kind: str,
    key: str,
    recipients: list[Recipient],
    context: dict,
    expires_at=None,
) -> list[int]:
    """Make one delivery per recipient for the event `key` and queue each after commit.

    Call it inside the transaction that records the event. Recipients who turned `kind` off
    are skipped; a recipient who already has a delivery for `key` gets nothing new. `context`
    holds plain values (ids, strings) for the templates. Returns the new deliveries' ids.
    """
    kinds.get(kind)
    json.dumps(context)  # plain values only: a model instance here is a mistake
    by_address: dict[str, Recipient] = {}
    for recipient in recipients:
        if recipient.address:
            by_address.setdefault(recipient.address, recipient)
    off_users, off_emails = _opted_out(kind)
    existing = set(Delivery.objects.filter(key=key).values_list("address", flat=True))
    wanted = [
        recipient
        for address, recipient in by_address.items()
        if address not in existing
        and not (recipient.user is not None and recipient.user.pk in off_users)
        and not (recipient.user is None and address in off_emails)
    ]
    if not wanted:
        return []
    now = timezone.now()
    by_language: dict[str, list[Recipient]] = {}
    for recipient in wanted:
        by_language.setdefault(recipient.mail_language, []).append(recipient)
    rows = []
    for language, group in by_language.items():
        # The same paths for everyone who reads a language: localized once per language.
        with translation.override(language):
            localized = _localized(context, language)
        for recipient, mail in zip(group, _render_many(kind, group, localized), strict=True):
            rows.append(
                Delivery(
                    key=key,
                    kind=kind,
                    address=recipient.address,
                    name=recipient.display_name[:200],
                    user=recipient.user,
                    created_at=now,
                    queued_at=now,
                    expires_at=expires_at,
                    **mail,
                )
            )
    try:
        with transaction.atomic():
            created = Delivery.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        # A concurrent notify for the same event got there first: keep what is still new.
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
                created.append(row)
            except IntegrityError:
                continue
    ids = [row.pk for row in created]
    if ids:
        transaction.on_commit(lambda: queue(ids))
    return ids


def batches(ids: list[int]) -> list[list[int]]:
    """The ids in batches of NOTIFICATIONS_BATCH_SIZE: one task each."""
    size = settings.NOTIFICATIONS_BATCH_SIZE
    ids = list(ids)
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def queue(ids: list[int]) -> None:
    """Queue a send task per batch of deliveries (call after commit)."""
    from .tasks import send_deliveries

    for batch in batches(ids):
        send_deliveries.delay(batch)


def delivery_resend(*, delivery_id: int, by) -> bool:
    """Queue a failed delivery once more (a second click does nothing). Returns whether it did."""
    with transaction.atomic():
        resent = workflow.WORKFLOW.guarded_update(
            Delivery.objects.filter(pk=delivery_id),
            "resend",
            attempts=0,
            queued_at=timezone.now(),
            resent_at=timezone.now(),
            resent_by=by,
        )
        if resent:
            transaction.on_commit(lambda: queue([delivery_id]))
    return bool(resent)


def deliveries_requeue_stalled() -> int:
    """Queue again what lost its task: a worker died holding it, or the broker lost it.

    A claimed row is put back only after NOTIFICATIONS_STALE_AFTER, far longer than a send may
    take (the task's time limit), so a live worker's send is never doubled.
    """
    now = timezone.now()
    ids = []
    for delivery_id in Delivery.objects.stalled(now).values_list("pk", flat=True)[:5000]:
        # Compare-and-set per row: two sweeps at once queue each row once.
        stale = Delivery.objects.stalled(now).filter(pk=delivery_id)
        if workflow.WORKFLOW.guarded_update(
            stale, "requeue-stalled", queued_at=now, claimed_at=None
        ):
            ids.append(delivery_id)
    queue(ids)
    return len(ids)


def deliveries_cancel(*, queryset) -> int:
    """Cancel deliveries still waiting (for example reminders of a deadline that moved)."""
    return workflow.WORKFLOW.guarded_update(
        queryset, "cancel", last_error="cancelled: the event changed"
    )


def deliveries_delete_expired() -> int:
    deleted, _ = Delivery.objects.past_retention().delete()
    return deleted
