import unicodedata

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common.fields import HttpURLField, markdown_help_text
from common.slugs import unique_slug
from common.uploads import delete_on_commit, is_new_upload, random_token, stored_values
from httpcache.front import object_key

from . import photos


def public_events():
    """The events whose speakers the public sees (a QuerySet), as the app that holds the
    events declares it on its AppConfig: `public_speaker_events()` (events: the published
    webinars). This app never imports events; None when no installed app declares it."""
    for config in apps.get_app_configs():
        declared = getattr(config, "public_speaker_events", None)
        if declared is not None:
            return declared()
    return None


class SpeakerQuerySet(models.QuerySet):
    def appearing_in(self, events):
        """Speakers with at least one appearance in `events` (a QuerySet of events.Event,
        e.g. Event.objects.published()), each once. This app never imports events: the
        caller passes the events rule. A semi-join (EXISTS), not a join with DISTINCT."""
        return self.filter(_appears_in(events))

    def public(self):
        """Speakers the public sees: those with an appearance in a public event
        (public_events()), read from the stored `is_public`, an index away."""
        return self.filter(is_public=True)

    def refresh_public(self):
        """Work out `is_public` again for these speakers (all of them on
        `Speaker.objects`) from their appearances and public_events(); returns how many
        changed. The events app calls it when an appearance, an event's publication or an
        event's existence changes; code that writes appearances or publication in bulk
        (bulk_create, QuerySet.update, raw SQL) calls it after, or runs
        `manage.py refresh_public_speakers`."""
        events = public_events()
        if events is None:
            return self.filter(is_public=True).update(is_public=False)
        public = _appears_in(events)
        # Only the rows whose value changes are written.
        return self.exclude(is_public=public).update(is_public=public)


def _appears_in(events):
    """The condition "has an appearance in `events`" on a speaker (an EXISTS)."""
    return Exists(events.filter(appearances__speaker=OuterRef("pk")))


class Speaker(models.Model):
    """A presenter, moderator or panellist. Events link to speakers, never the reverse.

    full_name: as the person writes it, in any script ("Zhu Lin", "王小明").
    sort_name: the key for alphabetical lists; family name first where that is the
    custom ("Harris, Elliott" but "Zhu Lin"). Defaults to full_name.
    is_public: whether the speaker has an appearance in a public event (public_events());
    stored so that the public lists read an index, not every appearance. Kept right by
    SpeakerQuerySet.refresh_public() (called by the events app) and by save().
    """

    full_name = models.CharField(
        _("full name"),
        max_length=200,
        help_text=_("As the person writes it, in any script, e.g. “Zhu Lin” or “Elliott Harris”."),
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_(
            "How to sort this person in lists, family name first, e.g. “Harris, Elliott”. "
            "Leave empty to sort by the full name."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The last part of the speaker's web address. Filled in from the name if empty."
        ),
    )
    honorific = models.CharField(
        _("honorific"),
        max_length=40,
        blank=True,
        help_text=_(
            "As the programme writes it, e.g. “H.E.”, “Pn.”, “Hon.”, “Dr”, “Prof.”; "
            "leave empty if none."
        ),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Vice President”."),
    )
    organization = models.CharField(
        _("organisation"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Shanghai Data Exchange Center”."),
    )
    bio = models.TextField(
        _("biography"),
        blank=True,
        help_text=markdown_help_text(_("A short biography, in the third person.")),
    )
    photo = photos.PhotoField(
        _("photo"),
        upload_to=photos.MASTER_DIR,
        blank=True,
        help_text=_(
            "A portrait, ideally square and at least 480 × 480 pixels: JPEG, PNG or WebP. "
            "Location and camera data are removed; the site shows small square crops."
        ),
    )
    photo_renditions = models.JSONField(
        _("photo renditions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The square crops made from the photo when it was saved."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        editable=False,
        help_text=_(
            "Whether the speaker appears in a published webinar, and so has a public page. "
            "Kept up to date by the site."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "full_name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        indexes = [
            # The public speakers in list order (the list, its count, the sitemap).
            models.Index(
                fields=["sort_name", "full_name", "id"],
                condition=models.Q(is_public=True),
                name="speaker_public_order",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.full_name
        if not self.slug:
            self.slug = unique_slug(self, self.full_name, fallback="speaker")
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or "is_public" in update_fields):
            # An instance loaded before an appearance changed must not write back a stale flag.
            events = public_events()
            self.is_public = events is not None and (
                Speaker.objects.filter(pk=self.pk).appearing_in(events).exists()
            )
        if update_fields is not None and "photo" not in update_fields:
            super().save(*args, **kwargs)
            return
        new_upload = is_new_upload(self.photo)
        before = (
            stored_values(self, "photo", "photo_renditions") if new_upload or not self.photo else {}
        )
        written = self._store_photo() if new_upload else []
        self.__dict__.pop("photo_sources", None)  # the cached_property is stale now
        if not self.photo:
            self.photo_renditions = []
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "photo_renditions"}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            for name in written:
                self.photo.storage.delete(name)
            raise
        if before.get("photo") and before["photo"] != self.photo.name:
            delete_on_commit(
                self.photo.storage,
                [before["photo"], *photos.rendition_names(before["photo_renditions"])],
            )

    def get_absolute_url(self):
        return reverse("speakers:detail", kwargs={"slug": self.slug})

    def _store_photo(self):
        """Replace the newly assigned upload by its clean master and make its renditions.

        Returns the names written to storage. Raises ValidationError for a file that is not
        an acceptable photo (forms report that before save() is reached).
        """
        image = photos.clean_photo(photos.load_photo(self.photo.file))
        self.photo.save(f"{random_token()}.jpg", photos.encode_master(image), save=False)
        self.photo_renditions = photos.make_renditions(image, self.photo.storage)
        return [self.photo.name, *photos.rendition_names(self.photo_renditions)]

    @property
    def display_name(self):
        """Honorific and name, e.g. "Mr. Yong LU"."""
        return f"{self.honorific} {self.full_name}".strip()

    @cached_property
    def photo_sources(self):
        """srcset and src of the photo's renditions (a photos.PhotoSources), or None when
        there is no photo, so that templates show the initials instead."""
        if not self.photo:
            return None
        return photos.PhotoSources.from_renditions(self.photo_renditions, self.photo.storage)

    @property
    def initials(self):
        """The photo placeholder's text, in the name's own script.

        Two initials (first and last word) for scripts with capital letters: "Elliott Harris"
        gives "EH". One for the others, whose letters join or carry no case: "王小明" gives
        "王", "محمد عبد الله" gives "م". An initial is a whole character as the reader sees it,
        accents, vowel signs and conjuncts included ("क्षमा" gives "क्ष"). "?" if the name has
        no letter.
        """
        firsts = [
            first
            for word in unicodedata.normalize("NFC", self.full_name).split()
            if (first := _first_letter(word))
        ]
        if not firsts:
            return "?"
        if len(firsts) > 1 and _has_case(firsts[0]) and _has_case(firsts[-1]):
            return _capital(firsts[0]) + _capital(firsts[-1])
        return _capital(firsts[0])

    @property
    def affiliation(self):
        """Job title and organisation joined for display, e.g. "Vice President, Shanghai ..."."""
        return ", ".join(part for part in (self.job_title, self.organization) if part)


@receiver(post_delete, sender=Speaker)
def delete_photo_files(sender, instance, **kwargs):
    """A deleted speaker takes its photo and renditions with it (after the commit)."""
    delete_on_commit(
        instance.photo.storage,
        [instance.photo.name, *photos.rendition_names(instance.photo_renditions)],
    )


#: Thai and Lao vowels written before the consonant they follow in speech: never an initial.
_LEADING_VOWELS = set("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
_VIRAMA = 9  # canonical combining class of the signs that join consonants into conjuncts


def _first_letter(word):
    """The first letter or digit of `word` with the marks that belong to it, e.g. "É" (E and
    a combining acute), "क्ष" (a conjunct); "" if the word has none."""
    start = next(
        (
            i
            for i, char in enumerate(word)
            if unicodedata.category(char)[0] in "LN" and char not in _LEADING_VOWELS
        ),
        None,
    )
    if start is None:
        return ""
    letter = word[start]
    for char in word[start + 1 :]:
        joins = unicodedata.category(char)[0] == "M" or char in "\u200c\u200d"
        if joins or (
            unicodedata.combining(letter[-1]) == _VIRAMA and unicodedata.category(char)[0] == "L"
        ):
            letter += char
        else:
            break
    return letter


def _has_case(letter):
    return letter[0].upper() != letter[0].lower()


def _capital(letter):
    """`letter` with its first character in capitals, unless that changes its length
    ("ß" stays "ß", not "SS")."""
    upper = letter[0].upper()
    return (upper if len(upper) == 1 else letter[0]) + letter[1:]


class SpeakerLink(models.Model):
    """A web page about the speaker (profile, personal site, organisation page)."""

    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="links", verbose_name=_("speaker")
    )
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. “Profile at UN DESA”."))
    url = HttpURLField(
        _("URL"),
        help_text=_("Must start with http:// or https://."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label

    def purge_keys(self):
        """Surrogate keys of what shows this link (httpcache.front): the speaker's page."""
        return {object_key(Speaker, self.speaker_id)}
