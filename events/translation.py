"""What staff write, in each language (django-modeltranslation): one column per language on
the same row (title_en, title_fr ...), so no query is added. The original field reads the
active language and falls back to English (MODELTRANSLATION_FALLBACK_LANGUAGES). Slugs,
times and links stay one per object."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Event, Material, Topic


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "concept_note", "outcome", "organizer")


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Material)
class MaterialTranslationOptions(TranslationOptions):
    fields = ("title",)
