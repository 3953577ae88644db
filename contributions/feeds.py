"""The Atom feed of published contributions (public ones): /feeds/contributions/."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Contribution


class PublishedContributionsFeed(Feed):
    feed_type = Atom1Feed
    title = _("CWG-COP contributions")
    link = reverse_lazy("contributions:list")
    subtitle = _("Contributions published for the meetings of CWG-COP.")

    def items(self):
        return (
            Contribution.objects.published()
            .filter(visibility=Contribution.Visibility.PUBLIC)
            .select_related("meeting")
            .order_by("-published_at", "-pk")[:50]
        )

    def item_title(self, contribution):
        return str(contribution)

    def item_description(self, contribution):
        return contribution.abstract

    def item_pubdate(self, contribution):
        return contribution.published_at

    def item_updateddate(self, contribution):
        return contribution.updated_at
