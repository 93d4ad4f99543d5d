"""Models of the oversight part `reports`."""

from django.db import models  # noqa: F401
