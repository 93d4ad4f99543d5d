"""URLs of the adoption report, joined to the app's `staff` and `public` lists in urls.py."""

from django.urls import path

from . import report_views as views

staff_patterns = [
    # One staff URL: its forms (groups, dispositions, final text, decision) post back to it with an `op`.
    path("<int:pk>/report/", views.staff_report, name="report"),
]

public_patterns = [
    path("<int:pk>/report/", views.public_report, name="report"),
    path("<int:pk>/report.docx", views.public_report_docx, name="report_docx"),
]
