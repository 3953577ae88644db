"""The meetings' editorial text in six languages (django-modeltranslation: a column per
language, `title_fr`, `title_zh_hans`, ...). Pages show it with `{% translated %}`."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Agenda,
    AgendaItem,
    Audience,
    DraftResolution,
    LiaisonNote,
    Meeting,
    Recommendation,
    Session,
    Theme,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "description", "period")


@register(Audience)
class AudienceTranslation(TranslationOptions):
    fields = ("name",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("summary",)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


@register(DraftResolution)
class DraftResolutionTranslation(TranslationOptions):
    fields = ("title", "summary", "text", "note")


@register(LiaisonNote)
class LiaisonNoteTranslation(TranslationOptions):
    fields = ("subject", "body")


@register(Agenda)
class AgendaTranslation(TranslationOptions):
    fields = ("reported",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")
