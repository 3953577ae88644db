from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from copportal.content import column
from copportal.languages import Language

from .models import Affiliation, Classification, Organization, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "language"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    """A name per language: Member States' are the UN short names (data/country_names.json)."""

    list_display = ["name", "kind", "iso_code", "region"]
    list_filter = ["kind", "region", "classifications"]
    search_fields = [column("name", language) for language in Language] + ["iso_code"]


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "source", "as_of"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "status", "requested_at", "decided_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "organization", "decided_by"]
