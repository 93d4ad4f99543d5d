"""`{{ form.media|with_csp_nonce:request }}`: form media whose inline scripts (the editor's import
map) carry this response's CSP nonce, so the policy can stay `script-src 'self'` for all else."""

from django import template

register = template.Library()


@register.filter
def with_csp_nonce(media, request):
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None or not hasattr(media, "with_nonce"):
        return media
    return media.with_nonce(str(nonce))
