"""Demo data of the oversight part `bulletins`: the county office's 2025 assessment bulletin (三个单位
表扬, 县住建局 批评 with its accepted 整改), two 特邀监督员 and their feedback. Entries come from the
assessment's ranking where the assessment demo published one. Built through the real actions;
running it twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.oversight import bulletins_actions as actions
from gongkai.oversight.bulletins_prefill import candidates
from gongkai.oversight.models import Bulletin, BulletinEntry, ExternalSupervisor

TITLE = "关于2025年度政务公开工作考核情况的通报"
PRAISED = ("jyj", "wjj", "cgz")
CRITICISED = "zjj"


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _entries(bulletin: Bulletin, agencies, clerk) -> None:
    picks = candidates(bulletin)
    praise = [c for c in picks if c["kind"] == BulletinEntry.Kind.PRAISE][:3]
    if len(praise) == 3:
        # The office reviews the rectifications, so it does not criticise itself here.
        criticism = [
            c
            for c in picks
            if c["kind"] == BulletinEntry.Kind.CRITICISM and c["agency"].pk != bulletin.agency_id
        ][:1]
        actions.prefill_entries(clerk, bulletin, praise + criticism)
        if criticism:
            return
    else:
        for key in PRAISED:
            actions.add_entry(
                clerk,
                bulletin,
                agency=agencies[key],
                kind="praise",
                finding="主动公开及时规范，依申请公开全部按期答复，政务公开工作考核成绩优秀。",
            )
    if not bulletin.entries.filter(kind="criticism").exists():
        actions.add_entry(
            clerk,
            bulletin,
            agency=agencies[CRITICISED],
            kind="criticism",
            finding="政府信息公开年度报告未按期发布，部分栏目超过6个月未更新，网站检查扣分较多。",
        )


def _bulletin(agencies, out) -> None:
    if Bulletin.objects.filter(title=TITLE).exists():
        out.write("通报：2025年度考核情况通报已存在。")
        return
    office = agencies["xzfb"]
    clerk = _staff("xzfb", Role.CLERK)
    bulletin = actions.create_bulletin(
        clerk,
        agency=office,
        title=TITLE,
        number="示政办发〔2026〕5号",
        preface=(
            "各乡镇人民政府、街道办事处，县政府各部门：\n"
            "根据《示范县2025年度政务公开工作考核方案》，县政府办公室对各单位2025年度政务公开工作进行了考核。"
            "现将有关情况通报如下。"
        ),
        closing=(
            "被通报批评的单位要认真分析原因，在规定期限内完成整改，并将整改情况报县政府办公室。\n"
            "各单位要对照考核指标查漏补缺，持续提升政务公开工作质量。"
        ),
    )
    _entries(bulletin, agencies, clerk)
    actions.submit_bulletin(clerk, bulletin)
    actions.approve_bulletin(_staff("xzfb", Role.REVIEWER), bulletin)
    actions.publish_bulletin(_staff("xzfb", Role.SUPERVISOR), bulletin)
    for entry in bulletin.entries.filter(kind="criticism").select_related("agency", "rectification"):
        key = next(k for k, a in agencies.items() if a.pk == entry.agency_id)
        actions.record_rectification(
            _staff(key, Role.CLERK),
            entry.rectification,
            measures="已补发2025年度政府信息公开工作年度报告；逐一更新超期栏目，建立栏目更新台账，每月自查一次。",
            done_on=timezone.localdate(),
        )
        actions.accept_rectification(_staff("xzfb", Role.REVIEWER), entry.rectification)
    out.write(f"通报：{bulletin.title}（{bulletin.number}）已发布，{bulletin.entries.count()}个单位。")


def _feedback(agencies, out) -> None:
    office = agencies["xzfb"]
    if ExternalSupervisor.objects.filter(agency=office).exists():
        return
    supervisor = _staff("xzfb", Role.SUPERVISOR)
    named = actions.register_supervisor(
        supervisor, agency=office, name="孙建国", unit="县人大代表", consents_to_publish=True
    )
    private = actions.register_supervisor(supervisor, agency=office, name="周丽华", unit="县政协委员")
    _link, token = actions.issue_feedback_link(supervisor, named)
    actions.submit_feedback_by_link(
        token,
        agency=agencies["czj"],
        rating="fair",
        text="预决算公开栏目内容完整，但部分乡镇的预算公开链接失效，建议定期检查。",
    )
    paper, _ = actions.enter_paper_feedback(
        _staff("xzfb", Role.CLERK),
        supervisor=private,
        agency=agencies["zjj"],
        rating="unsatisfied",
        text="保障性住房分配结果公开不及时，群众查询不便。",
        received_on=timezone.localdate() - timedelta(days=20),
    )
    actions.answer_feedback(
        _staff("zjj", Role.CLERK),
        paper,
        answer="已在政府网站保障性住房专栏补充公开分配结果，今后结果确定后5个工作日内公开。",
    )
    actions.issue_feedback_link(supervisor, private)  # an unused link
    out.write("特邀监督员：2名，意见2条（1条已答复）。")


def build(agencies, out) -> None:
    _bulletin(agencies, out)
    _feedback(agencies, out)
