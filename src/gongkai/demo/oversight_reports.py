"""Demo data of the oversight part `reports`: the 2025 政府信息公开工作年度报告 of 县财政局 and the county
government's consolidated report, written, reviewed and published through the real actions (figures
from the demo's own records through the metrics; texts written like a real report; the figures no
record holds entered), and drafts for two other departments. Running it twice adds nothing."""

from __future__ import annotations

from gongkai.agencies.models import Role, Staff
from gongkai.common.errors import ActionRefused
from gongkai.demo.county import demo_username
from gongkai.oversight import reports_actions as actions
from gongkai.oversight.models import ReportState

YEAR = 2025

FINANCE = {
    "entered": {"fees": "0", "npc_suggestions": "6", "cppcc_proposals": "9"},
    "overview": {
        "management": "严格执行政府信息公开属性源头认定制度，公文拟制时同步确定公开属性；落实公开前保密审查，"
        "全年未发生泄密和侵犯个人隐私事件。动态更新本机关政府信息公开目录和公开指南。",
        "platforms": "依托县政府门户网站财政预决算专栏集中公开部门预决算、“三公”经费和政府采购信息，"
        "专栏按月检查更新；通过政务新媒体同步发布惠民惠农补贴政策解读。",
        "supervision": "将政府信息公开工作纳入局机关年度目标考核，明确分管领导和责任科室；"
        "组织信息公开工作人员参加全县业务培训，全年未发生因信息公开引起的责任追究。",
    },
    "problems": "一是部分政策解读形式较为单一，图文、视频解读偏少；二是个别信息发布时效有待提高。"
    "2026年，我局将丰富解读形式，对重要政策同步制作图解；建立信息发布周提醒机制，确保在规定时限内公开。",
    "other": "本年度未收取信息处理费。办理县人大代表建议6件、县政协提案9件，答复率和满意率均为100%，"
    "办理复文已按规定公开。",
}
COUNTY = {
    "entered": {"fees": "0", "npc_suggestions": "48", "cppcc_proposals": "73"},
    "overview": {
        "management": "全县各级行政机关落实政府信息公开属性源头认定和公开前保密审查制度，"
        "集中清理现行有效的行政规范性文件并向社会公布目录，动态调整政府信息公开目录。",
        "platforms": "以县政府门户网站为第一平台，整合各部门、各乡镇政府信息公开专栏；"
        "规范政务新媒体管理，开展常态化网站自查，及时整改发现的问题。",
        "supervision": "将政务公开工作纳入全县综合考核，按季度通报网站检查和考核评议结果；"
        "组织全县信息公开工作人员业务培训，对发现问题的单位督促整改到位。",
    },
    "problems": "一是部分单位对政策解读重视不够，解读质量参差不齐；二是少数单位依申请公开答复文书不够规范；"
    "三是个别政务新媒体账号更新不及时。2026年，县政府办公室将加强业务指导和培训，"
    "推行答复文书模板，对政务新媒体实行月度检查、季度通报。",
    "other": "全县未收取信息处理费。县政府本级办理县人大代表建议48件、县政协提案73件，均按期办结并公开办理结果。",
}
DRAFTS = ("zjj", "jyj")


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _write(agency_key: str, writer_key: str, content: dict | None, out, *, consolidated=False):
    agencies_owner = _staff(writer_key, Role.CLERK)
    agency = agencies_owner.agency.supervises if consolidated else agencies_owner.agency
    if agency_key != writer_key:
        agency = Staff.objects.get(username=demo_username(agency_key, Role.CLERK)).agency
    report = actions.create_report(agencies_owner, agency=agency, year=YEAR, consolidated=consolidated)
    if content is None or report.state == ReportState.PUBLISHED:
        return report
    if report.editable:
        overview = dict(report.overview)
        overview.update(content["overview"])
        actions.update_report(
            agencies_owner,
            report,
            overview=overview,
            problems=content["problems"],
            other=content["other"],
            entered=content["entered"],
        )
    approver = _staff(writer_key, Role.REVIEWER)
    publisher = _staff(writer_key, Role.SIGNER)
    try:
        if report.editable:
            report = actions.submit_report(agencies_owner, report)
        if report.state == ReportState.SUBMITTED:
            report = actions.approve_report(approver, report)
        if report.state == ReportState.APPROVED:
            report = actions.publish_report(publisher, report)
    except ActionRefused as exc:  # the demo's records do not balance: leave it for staff to see why
        out.write(f"年度报告：{report.title}未能发布：{exc.message}")
    return report


def build(agencies, out) -> None:
    finance = _write("czj", "czj", FINANCE, out)
    county = _write("xzf", "xzfb", COUNTY, out, consolidated=True)
    for key in DRAFTS:
        _write(key, key, None, out)
    out.write(
        f"年度报告：{finance.title}（{finance.get_state_display()}）、"
        f"{county.title}（{county.get_state_display()}）及{len(DRAFTS)}份草稿。"
    )
