"""Pages of the oversight part `reports`: the annual reports (staff list, create, edit, preview,
workflow, downloads) and their public pages. Thin: reads in reports_queries / reports_figures, writes
in reports_actions, the official layout and files in reports_output (the renderers)."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.scope import staff_view
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_id, param_year
from gongkai.workbench.workflow_views import workflow_action

from . import reports_actions as actions
from . import reports_figures as rf
from . import reports_output
from .models.reports import AnnualReport, ReportState
from .report_data import OVERVIEW_HEADINGS
from .reports_queries import (
    creatable_agencies,
    due_date,
    manages,
    owed,
    reporting_year,
    reports_for,
)
from .reports_workflow import REPORTS
from .rules import STAFF_ROLES

NAV = "oversight_reports"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@staff_view(*STAFF_ROLES)
def home(request):
    today = timezone.localdate()
    year = param_year(request.GET.get("year"))
    reports = reports_for(request.user).order_by("-year", "agency__path", "-consolidated")
    if year:
        reports = reports.filter(year=year)
    rows = [(r, due_date(r.year, r.consolidated)) for r in reports[:300]]
    pending = owed(creatable_agencies(request.user), reporting_year(today))
    return render(
        request,
        "oversight/reports/wb_home.html",
        {
            "nav": NAV,
            "rows": rows,
            "pending": pending,
            "today": today,
            "year": year,
            "reporting_year": reporting_year(today),
            "can_create": creatable_agencies(request.user).exists(),
        },
    )


class CreateForm(forms.Form):
    agency = forms.TypedChoiceField(label="机关", coerce=int)
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)
    consolidated = forms.BooleanField(
        label="本级政府汇总报告", required=False, help_text="县级以上人民政府汇总本级政府及所属部门的年度报告"
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]


@staff_view(*STAFF_ROLES)
def report_new(request):
    agencies = creatable_agencies(request.user).order_by("path")
    initial = {
        "agency": param_id(request.GET.get("agency")) or request.user.agency_id,
        "year": param_year(request.GET.get("year")) or reporting_year(),
        "consolidated": request.GET.get("consolidated") == "1",
    }
    form = CreateForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        agency = agencies.filter(pk=form.cleaned_data["agency"]).first()
        try:
            if agency is None:
                raise ActionRefused("请选择机关", field="agency")
            report = actions.create_report(
                request.user,
                agency=agency,
                year=form.cleaned_data["year"],
                consolidated=form.cleaned_data["consolidated"],
            )
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已创建{report.title}")
            return redirect("oversight_staff:report", report.pk)
    return render(request, "oversight/reports/wb_new.html", {"nav": NAV, "form": form})


def _staff_report(request, pk: int) -> AnnualReport:
    return get_object_or_404(reports_for(request.user), pk=pk)


@staff_view(*STAFF_ROLES)
def report(request, pk: int):
    obj = _staff_report(request, pk)
    figures = rf.build(obj)
    problems = actions.issue_problems(obj) if obj.state != ReportState.PUBLISHED else []
    return render(
        request,
        "oversight/reports/wb_report.html",
        {
            "nav": NAV,
            "report": obj,
            "figures": figures,
            "preview": reports_output.html(figures, heading_level=2),
            "problems": problems,
            "year_open": not rf.year_ended(obj.year),
            "transitions": REPORTS.available(request.user, obj),
            "can_edit": obj.editable and manages(request.user, obj),
            "due": due_date(obj.year, obj.consolidated),
            "today": timezone.localdate(),
        },
    )


class EditForm(forms.Form):
    problems = forms.CharField(
        label="五、存在的主要问题及改进情况", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    other = forms.CharField(
        label="六、其他需要报告的事项", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.overview_fields = []
        for key, heading in OVERVIEW_HEADINGS:
            name = f"overview_{key}"
            self.fields[name] = forms.CharField(
                label=f"一、总体情况 {heading}",
                required=False,
                initial=(report.overview or {}).get(key, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.overview_fields.append(name)
        self.fields["problems"].initial = report.problems
        self.fields["other"].initial = report.other
        labels = rf.figure_labels()
        self.entered_fields = []
        for key in rf.enterable_keys():
            name = f"entered_{key.replace('.', '_')}"
            self.fields[name] = forms.CharField(
                label=labels[key],
                required=False,
                initial=(report.entered or {}).get(key, ""),
                help_text="无统计记录的数据，请按实际填报"
                + ("（可保留两位小数）" if key in rf.MONEY else "（整数）"),
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.entered_fields.append((name, key))

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "overview": {key: data[f"overview_{key}"] for key, _h in OVERVIEW_HEADINGS},
            "problems": data["problems"],
            "other": data["other"],
            "entered": {key: data[name] for name, key in self.entered_fields},
        }


@staff_view(*STAFF_ROLES)
def report_edit(request, pk: int):
    obj = _staff_report(request, pk)
    form = EditForm(request.POST or None, report=obj)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_report(request.user, obj, **form.action_kwargs())
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "年度报告已保存")
            return redirect("oversight_staff:report", obj.pk)
    figures = rf.build(obj)
    return render(
        request,
        "oversight/reports/wb_edit.html",
        {
            "nav": NAV,
            "report": obj,
            "form": form,
            "prompts": figures.problem_prompts,
            "editable": obj.editable and manages(request.user, obj),
        },
    )


def _download(figures, ext: str) -> HttpResponse:
    data = reports_output.docx(figures) if ext == "docx" else reports_output.xlsx(figures)
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(reports_output.filename(figures, ext))}"
    )
    return response


@staff_view(*STAFF_ROLES)
def report_download(request, pk: int, ext: str):
    if ext not in CONTENT_TYPES:
        raise Http404
    return _download(rf.build(_staff_report(request, pk)), ext)


report_act = workflow_action(REPORTS)


# ---------------------------------------------------------------- public


def _published(request):
    return AnnualReport.objects.filter(
        state=ReportState.PUBLISHED, agency__in=request.site.agencies()
    ).select_related("agency")


@public_page
def public_home(request):
    year = param_year(request.GET.get("year"))
    reports = _published(request)
    years = sorted(set(reports.values_list("year", flat=True)), reverse=True)
    if year:
        reports = reports.filter(year=year)
    return render(
        request,
        "oversight/reports/public_home.html",
        {"reports": reports.order_by("-year", "-consolidated", "agency__path"), "years": years, "year": year},
    )


@public_page
def public_report(request, pk: int):
    obj = get_object_or_404(_published(request), pk=pk)
    figures = rf.public_figures(rf.build(obj))
    return render(
        request,
        "oversight/reports/public_report.html",
        {
            "report": obj,
            "figures": figures,
            "body": reports_output.html(figures, public=True, heading_level=1),
        },
    )


@public_page
def public_download(request, pk: int, ext: str):
    if ext not in CONTENT_TYPES:
        raise Http404
    obj = get_object_or_404(_published(request), pk=pk)
    return _download(rf.public_figures(rf.build(obj)), ext)
