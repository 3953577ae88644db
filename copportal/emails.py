"""One function per kind of e-mail; each renders subject, text and HTML templates under
templates/emails/<kind>/ in the recipient's language. Links start with SITE_URL, never with the
host a request came in on (allauth's mails: copportal/accounts/adapter.py)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send(kind: str, *, to, language: str, context: dict) -> None:
    with translation.override(language):
        context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": str(settings.SITE_NAME), **context}
        subject = render_to_string(f"emails/{kind}/subject.txt", context).strip()
        text = render_to_string(f"emails/{kind}/body.txt", context)
        html = render_to_string(f"emails/{kind}/body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[to], from_email=None
    )
    message.attach_alternative(html, "text/html")
    message.send()


def affiliation_decided(affiliation) -> None:
    user = affiliation.user
    send(
        "affiliation_decided",
        to=user.email,
        language=user.language,
        context={"affiliation": affiliation, "user": user},
    )
