"""URLs of the events part, included in the app's staff URL list."""

from django.urls import path

from . import views_events

staff = [
    path("events/", views_events.events, name="events"),
    path("events/<int:pk>/", views_events.event_detail, name="event"),
]
