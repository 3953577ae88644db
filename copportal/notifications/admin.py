from django.contrib import admin

from .models import Delivery, Preference


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "kind", "enabled", "changed_at"]
    list_filter = ["kind", "enabled"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "address", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["address", "key"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
