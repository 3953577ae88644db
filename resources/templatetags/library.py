from django import template

from resources.search import highlighted

register = template.Library()


@register.filter
def snippet(text: str) -> str:
    """A search snippet: escaped, with the matched words in <mark>."""
    return highlighted(text or "")
