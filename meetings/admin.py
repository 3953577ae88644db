from django.contrib import admin

from .models import (
    DeadlineChange,
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


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "changed_at", "changed_by", "old_deadline", "new_deadline"]
    readonly_fields = [f.name for f in DeadlineChange._meta.fields]
