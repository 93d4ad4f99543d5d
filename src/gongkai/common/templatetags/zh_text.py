"""`{{ field.errors|zh_join }}`: a field's errors as one Chinese sentence.

Django's own messages end with 。 and gongkai's do not; joined plainly with ； they read
"……地址。；……". Each error loses its closing punctuation and they are joined by ；.
"""

from django import template

register = template.Library()


@register.filter
def zh_join(messages) -> str:
    parts = [str(m).strip().rstrip("。；;.") for m in messages]
    return "；".join(p for p in parts if p)
