"""Slugs that work for names in any script."""

from django.utils.text import slugify


def unique_slug(instance, value, fallback, max_length=80):
    """Return a slug for `value` that no other row of `instance`'s model uses.

    value: the text to slug (a name or title in any script; "王小明" gives "王小明",
    not an empty string). fallback: used when `value` has no letters or digits at all.
    Collisions get "-2", "-3", ... appended, keeping the result within `max_length`.
    """
    base = slugify(value, allow_unicode=True)[:max_length].strip("-") or fallback
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug
