"""The library's translated fields (django-modeltranslation: a column per language)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CountryEntry, Resource


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "cited_section")


@register(CountryEntry)
class CountryEntryTranslationOptions(TranslationOptions):
    fields = ("title", "details")
