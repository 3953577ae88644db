"""The Django admin, for superusers only.

The chair and the secretariat work in the portal's own pages, where every change goes through
its service and workflow (permission, audit event, search vector, mail). The admin writes rows
directly: an officer there could bypass all of that, so the admin's site lets in superusers
only (an officer, staff or not, is sent to its login page and changes nothing).
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class PortalAdminConfig(AdminConfig):
    default_site = "copportal.admin.PortalAdminSite"
