"""The admin shows a field per language for translated text (modeltranslation)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .models import (
    AgendaRelease,
    Audience,
    DeadlineChange,
    DraftResolution,
    LiaisonNote,
    LiaisonRecipient,
    Meeting,
    MeetingReminders,
    Recommendation,
    Session,
    Theme,
)


class SessionInline(TranslationStackedInline):
    model = Session
    extra = 0


class RecommendationInline(TranslationStackedInline):
    model = Recommendation
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    list_display = ["number", "start_date", "end_date", "mode", "theme", "is_demo"]
    inlines = [SessionInline, RecommendationInline]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["title", "period", "order"]


@admin.register(Audience)
class AudienceAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(DraftResolution)
class DraftResolutionAdmin(TranslationAdmin):
    list_display = ["title", "meeting", "status"]


class LiaisonRecipientInline(admin.TabularInline):
    model = LiaisonRecipient
    extra = 0


@admin.register(LiaisonNote)
class LiaisonNoteAdmin(TranslationAdmin):
    list_display = ["subject", "direction", "meeting", "status", "sent_at", "received_on"]
    list_filter = ["direction", "status"]
    inlines = [LiaisonRecipientInline]


@admin.register(AgendaRelease)
class AgendaReleaseAdmin(admin.ModelAdmin):
    """Releases are frozen: read them here, release from the agenda builder."""

    list_display = ["meeting", "version", "released_at", "released_by"]
    readonly_fields = ["meeting", "version", "released_at", "released_by", "note", "snapshot"]

    def has_add_permission(self, request):
        return False


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "changed_at", "changed_by", "old_deadline", "new_deadline"]
    readonly_fields = [f.name for f in DeadlineChange._meta.fields]


@admin.register(MeetingReminders)
class MeetingRemindersAdmin(admin.ModelAdmin):
    list_display = ["meeting", "offsets"]
