"""Slugs that work for names in any script."""

from django.utils.text import slugify


def cut_slug(slug, max_length):
    """`slug` (str) shortened to at most `max_length` characters at a hyphen, so that no
    word is cut ("data-for-cities" at 12 gives "data-for"); a first word longer than
    `max_length` is the only thing ever cut inside."""
    if len(slug) <= max_length:
        return slug.strip("-")
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def unique_slug(instance, value, fallback, max_length=80):
    """Return a slug for `value` that no other row of `instance`'s model uses.

    value: the text to slug (a name or title in any script; "王小明" gives "王小明",
    not an empty string). fallback: used when `value` has no letters or digits at all.
    The slug is cut at a word boundary (cut_slug) to stay within `max_length`; collisions
    get "-2", "-3", ... appended, still within `max_length` and without cutting a word.
    """
    base = cut_slug(slugify(value, allow_unicode=True), max_length) or fallback
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = (
            cut_slug(base, max_length - len(suffix)) or base[: max_length - len(suffix)]
        ) + suffix
    return slug
