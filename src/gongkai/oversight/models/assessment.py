"""Models of the oversight part `assessment`."""

from django.db import models  # noqa: F401
