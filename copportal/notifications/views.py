from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required

from . import kinds, services
from .models import Delivery, Preference


@login_required
def preferences(request):
    """Each kind of mail with a checkbox, grouped; everything is on until turned off."""
    user = request.user
    if request.method == "POST":
        chosen = set(request.POST.getlist("kinds"))
        for slug in kinds.KINDS:
            services.preference_set(kind=slug, enabled=slug in chosen, user=user)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    off = set(Preference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    groups = [
        (group, [(kind, kind.slug not in off) for kind in members])
        for group, members in kinds.grouped()
    ]
    return render(request, "notifications/preferences.html", {"groups": groups})


@csrf_exempt  # RFC 8058: mail clients POST without a CSRF token; the signed token is the key
def unsubscribe(request, token):
    """One-click unsubscribe, no login: a POST turns the kind off; a GET asks to confirm
    (so that a mail scanner following links unsubscribes nobody)."""
    try:
        data = services.unsubscribe_read(token)
        person = get_user_model().objects.get(pk=data["u"]).email if "u" in data else data["e"]
    except (signing.BadSignature, get_user_model().DoesNotExist):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"kind": kinds.get(data["k"]), "person": person}
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe.html", context)


@permission_required("notifications.view_log")
def log(request):
    """The delivery log: what was sent, what is waiting, what failed and why."""
    status = request.GET.get("status", "")
    deliveries = Delivery.objects.defer("text", "html")
    if status in Delivery.Status.values:
        deliveries = deliveries.filter(status=status)
    counts = dict(Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by())
    page = Paginator(deliveries, 50).get_page(request.GET.get("page"))
    statuses = [(value, label, counts.get(value, 0)) for value, label in Delivery.Status.choices]
    return render(
        request,
        "notifications/log.html",
        {"page": page, "status": status, "statuses": statuses},
    )


@require_POST
@permission_required("notifications.resend_delivery")
def resend(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    if services.delivery_resend(delivery_id=delivery.pk, by=request.user):
        messages.success(
            request, _("The mail to %(to)s is queued again.") % {"to": delivery.address}
        )
    else:
        messages.info(request, _("This mail is not failed: nothing was queued."))
    return redirect("notifications:log")
