from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Speaker, SpeakerLink


class SpeakerLinkInline(admin.TabularInline):
    model = SpeakerLink
    extra = 0
    fields = ["position", "label", "url"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "full_name", "honorific", "job_title", "organization"]
    list_display_links = ["thumbnail", "full_name"]
    search_fields = ["full_name", "sort_name", "organization", "job_title"]
    list_filter = ["honorific"]
    prepopulated_fields = {"slug": ["full_name"]}
    inlines = [SpeakerLinkInline]
    fieldsets = [
        (None, {"fields": ["honorific", "full_name", "sort_name", "slug"]}),
        (_("Affiliation"), {"fields": ["job_title", "organization"]}),
        (_("Profile"), {"fields": ["photo", "bio"]}),
    ]

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        if not obj.photo:
            return format_html('<span aria-hidden="true">{}</span>', obj.initials)
        return format_html(
            '<img src="{}" alt="" width="40" height="40">',
            obj.photo.url,
        )
