"""schema.org Person for a speaker, as a dict ready for JSON-LD (common.jsonld)."""

from common.links import safe_link


def person_schema(speaker, absolute, *, full=False):
    """A schema.org Person for `speaker`.

    absolute: callable turning a site path into an absolute URL (request.build_absolute_uri).
    full: add what the speaker's own page shows (biography, links as sameAs); without it,
    the short form used for an event's performers.
    """
    data = {
        "@type": "Person",
        "name": speaker.full_name,
        "url": absolute(speaker.get_absolute_url()),
    }
    if speaker.honorific:
        data["honorificPrefix"] = speaker.honorific
    if speaker.job_title:
        data["jobTitle"] = speaker.job_title
    if speaker.organization:
        data["affiliation"] = {"@type": "Organization", "name": speaker.organization}
    if speaker.photo:
        data["image"] = absolute(speaker.photo.url)
    if full:
        if speaker.bio:
            data["description"] = speaker.bio
        links = [url for link in speaker.links.all() if (url := safe_link(link.url))]
        if links:
            data["sameAs"] = links
    return data
