"""gongkai (公开): government-information openness and public response."""

__version__ = "0.1.0"
