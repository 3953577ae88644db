"""Organization names in six languages: Member States' are the UN short names
(data/country_names.json, loaded by seeds.py); other organizations keep their one name, which
every language falls back to."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
