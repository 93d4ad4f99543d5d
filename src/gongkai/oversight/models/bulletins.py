"""Models of the oversight part `bulletins`."""

from django.db import models  # noqa: F401
