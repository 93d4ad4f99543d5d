"""Staff pages (/workbench/consultations/) and public pages (/consultations/) of 重大决策与征求意见."""

from django.urls import path  # noqa: F401

staff = ([], "consultation_staff")
public = ([], "consultation")
