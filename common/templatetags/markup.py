"""`{% load markup %}` then `{{ event.description|markdown }}` (headings from <h2>) or
`{{ event.concept_note|markdown:3 }}` (headings from <h3>, for text under an <h2>)."""

from django import template

from common.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text, heading_level=2):
    """Staff-written Markdown as sanitised HTML; see common.markup.render_markdown."""
    return render_markdown(text, heading_level)
