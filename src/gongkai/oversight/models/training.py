"""Models of the oversight part `training`."""

from django.db import models  # noqa: F401
