"""What the shared pager (gongkai/pagination.html) needs from a Django Page.

{% load pager %}{% page_links page_obj as links %}{% query_pairs query_string as pairs %}
"""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def page_links(page_obj) -> list:
    """Page numbers around the current one, the first and the last, with "…" for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.simple_tag
def query_pairs(query_string: str) -> list[tuple[str, str]]:
    """The list's other parameters (filters, query), as hidden fields of the jump-to-page form."""
    return [(k, v) for k, values in QueryDict(query_string or "").lists() if k != "page" for v in values]
