from django.contrib import admin

from .models import (
    Contribution,
    ContributionEvent,
    ContributionSource,
    Document,
    Revision,
)


class SourceInline(admin.TabularInline):
    model = ContributionSource
    extra = 0
    autocomplete_fields = ["organization"]


class EventInline(admin.TabularInline):
    """The audit log is read-only: services write it."""

    model = ContributionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "status", "visibility", "is_late", "submitted_at"]
    list_filter = ["status", "visibility", "kind", "meeting"]
    search_fields = ["title", "abstract"]
    list_select_related = ["meeting"]
    # State and numbers change only through the services (the desk), so that they are logged.
    readonly_fields = [
        "meeting",
        "number",
        "status",
        "is_late",
        "submitter",
        "submitted_at",
        "accepted_at",
        "published_at",
        "carried_over_from",
        "version",
        "visibility",
    ]
    inlines = [SourceInline, EventInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "document", "file_type", "size", "uploaded_at", "text_extracted_at"]
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False


admin.site.register(Document)
