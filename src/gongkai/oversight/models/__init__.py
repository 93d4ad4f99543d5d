"""One module per part, so the parts of the app never edit the same file."""

from .assessment import *  # noqa: F403
from .bulletins import *  # noqa: F403
from .inspection import *  # noqa: F403
from .reports import *  # noqa: F403
from .training import *  # noqa: F403
