"""The meetings app's translated fields (django-modeltranslation; copportal/content.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Agenda, AgendaItem


@register(Agenda)
class AgendaTranslation(TranslationOptions):
    fields = ("reported",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")
