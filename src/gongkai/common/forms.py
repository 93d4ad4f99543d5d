"""The base of every workflow action's form, and a file field taking several files."""

from __future__ import annotations

from typing import Any

from django import forms


class ActionForm(forms.Form):
    """The input of one workflow action. The generic view passes the object and the actor; the
    action function receives `action_kwargs()` (by default the cleaned data, unchanged)."""

    def __init__(self, *args: Any, obj: Any = None, actor: Any = None, **kwargs: Any) -> None:
        self.obj, self.actor = obj, actor
        super().__init__(*args, **kwargs)

    def action_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]
