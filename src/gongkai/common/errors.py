"""The one exception every action raises when it refuses to act.

Views turn it into a message for the user, commands into an error line, the API into a 400. The
message is Chinese and names what is wrong; nothing was changed when it is raised.
"""

from __future__ import annotations


class ActionRefused(Exception):
    """An action declined: the input or the state of the case does not allow it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
