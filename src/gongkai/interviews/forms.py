"""Forms of 在线访谈 (staff and portal); every error of a form shows at once."""

from __future__ import annotations

from gongkai.common.forms import ActionForm


class EmptyForm(ActionForm):
    pass
