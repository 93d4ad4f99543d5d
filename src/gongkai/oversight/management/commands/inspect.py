"""`gongkai inspect [--site S] [--json] [--base-url URL]`: inspect one site or all of them.

Prints a Chinese summary per site (or JSON). Exit status 0 when no site is vetoed, 1 when any site
is vetoed (单项否决) — so a deployment can alert on it — and 2 on an error (an unknown site, an
inspection that could not run).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gongkai.oversight.inspection_actions import start_inspection
from gongkai.oversight.inspection_xlsx import conclusion
from gongkai.oversight.models import Inspection
from gongkai.portal.models import Site


def _site(value: str) -> Site:
    query = Q(name=value) | Q(code=value) | Q(hosts__host=value.lower())
    if value.isdigit():
        query |= Q(pk=int(value))
    sites = list(Site.objects.filter(query).distinct()[:2])
    if len(sites) != 1:
        names = "、".join(Site.objects.values_list("name", flat=True)[:20]) or "（尚无网站）"
        raise CommandError(
            f"找不到网站“{value}”（可用名称、网站标识码、域名或编号）。现有网站：{names}", returncode=2
        )
    return sites[0]


def as_dict(inspection: Inspection) -> dict:
    findings = list(inspection.findings.select_related("agency").order_by("-vetoes", "-deduction", "pk"))
    return {
        "site": inspection.site.name,
        "site_id": inspection.site_id,
        "inspection_id": inspection.pk,
        "started_at": inspection.started_at.isoformat(),
        "state": inspection.state,
        "score": float(inspection.score) if inspection.score is not None else None,
        "vetoed": inspection.vetoed,
        "passed": inspection.passed,
        "bonus": bool((inspection.summary or {}).get("bonus")),
        "conclusion": conclusion(inspection),
        "pages_checked": inspection.pages_checked,
        "links_checked": inspection.links_checked,
        "error": inspection.error,
        "findings": [
            {
                "check": f.check_code,
                "title": f.title,
                "url": f.url,
                "agency": f.agency.name if f.agency_id else "",
                "count": f.count,
                "vetoes": f.vetoes,
                "deduction": float(f.deduction),
                "fix_by": f.fix_by.isoformat() if f.fix_by else None,
            }
            for f in findings
        ],
    }


class Command(BaseCommand):
    help = "按政府网站检查指标检查网站（默认全部网站）；有单项否决时退出状态为1，出错为2"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="只检查该网站（名称、网站标识码、域名或编号）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        parser.add_argument(
            "--base-url",
            help="通过 HTTP 检查已部署的网站（如 https://www.example.gov.cn），默认在本进程内检查",
        )
        parser.add_argument("--dry-run", action="store_true", help="只列出将要检查的网站，不检查")
        parser.add_argument(
            "--report-only",
            action="store_true",
            help="有单项否决时也以状态0结束（定时任务用：问题已进入责任机关待办和督查看板；出错仍为2）",
        )

    def handle(
        self, *args, site=None, json=False, base_url=None, dry_run=False, report_only=False, **options
    ):
        sites = [_site(site)] if site else list(Site.objects.order_by("-is_default", "pk"))
        if not sites:
            raise CommandError("尚无网站可检查，请先在网站群管理中添加网站", returncode=2)
        if dry_run:
            for s in sites:
                self.stdout.write(f"将检查：{s.name}")
            return
        results = []
        for s in sites:
            try:
                results.append(start_inspection(None, s, base_url=base_url))
            except Exception as exc:
                raise CommandError(f"{s.name}检查出错：{exc}", returncode=2) from exc
        if json:
            self.stdout.write(_dumps([as_dict(i) for i in results]))
        else:
            for i in results:
                self.stdout.write(_line(i))
        if any(i.state == Inspection.State.FAILED for i in results):
            failed = "、".join(i.site.name for i in results if i.state == Inspection.State.FAILED)
            raise CommandError(f"以下网站检查出错：{failed}", returncode=2)
        vetoed = [i.site.name for i in results if i.vetoed]
        if vetoed and not report_only:
            raise CommandError(f"以下网站触发单项否决：{'、'.join(vetoed)}", returncode=1)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _line(i: Inspection) -> str:
    if i.state == Inspection.State.FAILED:
        return f"{i.site.name}：检查出错（{i.error}）"
    counts = i.findings.count()
    vetoes = i.findings.filter(vetoes=True).count()
    text = f"{i.site.name}：{i.score}分，{conclusion(i)}；检查页面{i.pages_checked}个，发现问题{counts}项"
    if vetoes:
        text += f"，其中单项否决{vetoes}项"
    return text
