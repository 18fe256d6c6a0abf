"""What staff write, in each language (django-modeltranslation): one column per language on
the same row (title_en, title_fr ...), so no query is added. The original field reads the
active language and falls back to English (MODELTRANSLATION_FALLBACK_LANGUAGES). Slugs,
times, links and street addresses stay one per object; a venue, city and country have
their own names in each language ("Palais des Nations", "Genève", "Женева")."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Event, Material, Organization, Series, Session, Topic


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "description",
        "concept_note",
        "outcome",
        "venue",
        "address_locality",
        "address_country",
        "recording_site",
    )


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")


@register(Material)
class MaterialTranslationOptions(TranslationOptions):
    fields = ("title",)
