from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.languages import LanguageWidgetsMixin

from .models import Speaker, SpeakerLink


class SpeakerLinkInline(admin.TabularInline):
    model = SpeakerLink
    extra = 0
    fields = ["position", "label", "url"]


@admin.register(Speaker)
class SpeakerAdmin(LanguageWidgetsMixin, TranslationAdmin):
    list_display = ["thumbnail", "full_name", "honorific", "job_title", "organization", "is_public"]
    list_display_links = ["thumbnail", "full_name"]
    list_filter = ["is_public"]
    search_fields = ["full_name", "sort_name", "organization", "job_title"]
    prepopulated_fields = {"slug": ["full_name"]}
    inlines = [SpeakerLinkInline]
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["honorific", "full_name", "sort_name", "slug"]}),
        (_("Affiliation"), {"fields": ["job_title", "organization"]}),
        (_("Profile"), {"fields": ["photo", "photo_preview", "bio"]}),
    ]

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        return render_to_string("includes/speaker_photo.html", {"speaker": obj, "size": 40})

    @admin.display(description=_("as the site shows it"))
    def photo_preview(self, obj):
        return render_to_string(
            "includes/speaker_photo.html", {"speaker": obj, "size": 160, "eager": True}
        )
