from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from webinar_site.fields import HttpURLField, markdown_help_text
from webinar_site.slugs import unique_slug


class Honorific(models.TextChoices):
    NONE = "", _("(none)")
    MR = "Mr.", _("Mr.")
    MRS = "Mrs.", _("Mrs.")
    MS = "Ms.", _("Ms.")
    DR = "Dr.", _("Dr.")
    PROF = "Prof.", _("Prof.")
    HE = "H.E.", _("H.E.")


class Speaker(models.Model):
    """A presenter, moderator or panellist. Events link to speakers, never the reverse.

    full_name: as the person writes it, in any script ("Zhu Lin", "王小明").
    sort_name: the key for alphabetical lists; family name first where that is the
    custom ("Harris, Elliott" but "Zhu Lin"). Defaults to full_name.
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
        _("honorific"), max_length=10, choices=Honorific.choices, blank=True
    )
    job_title = models.CharField(
        _("position"),
        max_length=300,
        blank=True,
        help_text=_("Job title, e.g. “Vice President”."),
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
    photo = models.ImageField(
        _("photo"),
        upload_to="speakers/",
        blank=True,
        help_text=_("A portrait, ideally square. JPEG, PNG or WebP."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_name", "full_name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.full_name
        if not self.slug:
            self.slug = unique_slug(self, self.full_name, fallback="speaker")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("speakers:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        """Honorific and name, e.g. "Mr. Yong LU"."""
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def initials(self):
        """Up to two initials for the photo placeholder, in the name's own script.

        Names written without spaces (Chinese, Japanese, Korean) give their first character.
        """
        words = self.full_name.split()
        if not words:
            return "?"
        if len(words) == 1:
            return words[0][:1].upper()
        return (words[0][:1] + words[-1][:1]).upper()

    @property
    def affiliation(self):
        """Position and organisation joined for display, e.g. "Vice President, Shanghai ..."."""
        return ", ".join(part for part in (self.job_title, self.organization) if part)


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
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label
