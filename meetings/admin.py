from django.contrib import admin

from .models import (
    AgendaRelease,
    DraftResolution,
    LiaisonNote,
    LiaisonRecipient,
    Meeting,
    Recommendation,
    Session,
    Theme,
)


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["number", "start_date", "end_date", "mode", "theme", "is_demo"]
    inlines = [SessionInline, RecommendationInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "order"]


@admin.register(DraftResolution)
class DraftResolutionAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "status"]


class LiaisonRecipientInline(admin.TabularInline):
    model = LiaisonRecipient
    extra = 0


@admin.register(LiaisonNote)
class LiaisonNoteAdmin(admin.ModelAdmin):
    list_display = ["subject", "meeting", "status", "sent_at"]
    inlines = [LiaisonRecipientInline]


@admin.register(AgendaRelease)
class AgendaReleaseAdmin(admin.ModelAdmin):
    """Releases are frozen: read them here, release from the agenda builder."""

    list_display = ["meeting", "version", "released_at", "released_by"]
    readonly_fields = ["meeting", "version", "released_at", "released_by", "note", "snapshot"]

    def has_add_permission(self, request):
        return False
