from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from . import search
from .models import CountryEntry, HelplineEntry, Resource


@admin.register(Resource)
class ResourceAdmin(TranslationAdmin):
    list_display = ["title", "type", "language", "status", "published_on"]
    list_filter = ["status", "type", "language", "region"]
    search_fields = ["title_en", "title_fr", "slug"]
    filter_horizontal = ["audiences", "themes"]
    raw_id_fields = ["translation_of", "source_contribution", "country"]
    readonly_fields = ["file", "file_name", "file_type", "file_size", "published_at"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.is_published:
            search.remember_words(form.instance)


@admin.register(HelplineEntry)
class HelplineEntryAdmin(admin.ModelAdmin):
    list_display = ["country", "name", "number", "is_116111", "source_date"]
    list_filter = ["is_116111"]
    search_fields = ["country__name", "name", "number"]
    raw_id_fields = ["country"]


@admin.register(CountryEntry)
class CountryEntryAdmin(TranslationAdmin):
    list_display = ["organization", "kind", "title", "status", "date_checked"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["organization", "proposed_by", "decided_by"]
    readonly_fields = ["status"]  # the workflow's (copportal/workflow.py)
