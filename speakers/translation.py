"""A speaker's job title, organisation and biography in each language
(django-modeltranslation; see events/translation.py). Names stay as the person writes them."""

from modeltranslation.translator import TranslationOptions, register

from .models import Speaker


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("job_title", "organization", "bio")
