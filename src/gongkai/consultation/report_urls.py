"""URLs of the adoption report, joined to the app's `staff` and `public` lists in urls.py."""

from django.urls import path

from . import report_views as views

staff_patterns = [
    path("<int:pk>/report/", views.staff_report, name="report"),
    path("<int:pk>/report/group/", views.staff_group, name="report_group"),
    path("<int:pk>/report/ungroup/<int:comment_pk>/", views.staff_ungroup, name="report_ungroup"),
    path("<int:pk>/report/dispose/<slug:kind>/<int:target_pk>/", views.staff_dispose, name="report_dispose"),
    path("<int:pk>/report/final-text/", views.staff_final_text, name="report_final_text"),
    path("<int:pk>/report/decision/", views.staff_link_decision, name="report_link_decision"),
]

public_patterns = [
    path("<int:pk>/report/", views.public_report, name="report"),
    path("<int:pk>/report.docx", views.public_report_docx, name="report_docx"),
]
