"""Demo of the adoption report (issue #11, part 2), called at the end of `demo.consultation.build`.

The closed consultation on the dog-keeping rules (养犬管理办法, 县住建局) gets, at the moments it would
have happened: two comments on 第五条 grouped, a disposition with a reason for every group and comment
(the held and the hidden one too), the reviewer's approval, the final text, the published report, and
the adopted decision — 县人民政府's 《示范县城区养犬管理办法》 through publishing's own review — linked
to it. Running it twice adds nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import time_machine
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.consultation import report_actions
from gongkai.consultation.models import Consultation, State

DECISION_TITLE = "示范县人民政府关于印发《示范县城区养犬管理办法》的通知"
GROUP_TITLE = "关于每户限养犬只数量"
# The start of a comment's text → (disposition, reason).
DISPOSITIONS = {
    "建议列出禁养犬只品种目录": (
        "adopted",
        "已采纳。第五条增加“禁养犬只品种目录由县公安局会同县农业农村局制定并向社会公布”。",
    ),
    "犬链长度一点五米": (
        "not_adopted",
        "未采纳。一点五米与省内多数城市的规定一致，便于牵领人控制犬只、避让行人。",
    ),
    "清理粪便的规定很好": ("adopted", "已采纳。第七条增加“住宅小区和公园应当设置犬只粪便收集设施”。"),
    "公园禁止带狗不合理": (
        "partly",
        "部分采纳。第八条修改为公园管理单位可以划定允许携犬进入的区域和时段并公示。",
    ),
    "罚款太低": ("not_adopted", "未采纳。罚款幅度须与上位法规定相衔接，本办法不宜提高。"),
    "建议办法中明确流浪犬收容": ("adopted", "已采纳。第三条增加县城市管理部门负责流浪犬收容的规定。"),
    "点击": ("not_adopted", "与草案内容无关，不予采纳。"),
    "宠物诊所代表": ("adopted", "已采纳。第四条增加养犬登记与狂犬病免疫证明联网办理的规定。"),
    "来信建议登记有效期改为三年": ("not_adopted", "未采纳。登记有效期与狂犬病年度免疫周期一致，便于监管。"),
    "听证会上多名代表提出": ("adopted", "已采纳。施行日期推迟至2027年1月1日，施行前开展宣传教育。"),
    "电子邮件：饲养烈性犬的认定": ("partly", "部分采纳。第五条明确烈性犬由县公安局会同县农业农村局认定。"),
}
GROUP_REASON = (
    "部分采纳。保留每户限养一只的规定，本办法施行前已饲养两只的，办理登记后可继续饲养至犬只自然死亡。"
)
FINAL_TEXT = """第一章　总则
第一条　为了规范城区养犬行为，保障公民人身安全和健康，维护市容环境和社会公共秩序，根据《中华人民共和国动物防疫法》等法律法规，结合本县实际，制定本办法。
第二条　本办法适用于本县城区范围内的养犬和养犬管理活动。
第三条　县住房和城乡建设局是城区养犬管理的主管部门，负责组织实施本办法。
公安、农业农村、市场监管等部门按照各自职责做好养犬管理相关工作；县城市管理部门负责流浪犬的收容。
第二章　养犬登记
第四条　城区实行养犬登记制度。养犬人应当自取得犬只之日起三十日内，凭狂犬病免疫证明为犬只办理登记；登记与免疫证明联网办理。
第五条　每户限养一只犬；本办法施行前已饲养两只的，办理登记后可以继续饲养。禁止在城区饲养烈性犬、大型犬，禁养犬只品种目录由县公安局会同县农业农村局制定并向社会公布。
第六条　养犬登记有效期为一年。有效期届满需要继续饲养的，养犬人应当在届满前三十日内办理延续手续。
第三章　养犬行为规范
第七条　养犬人携犬出户时，应当遵守下列规定：
（一）为犬只佩戴犬牌并束犬链，犬链长度不得超过一点五米；
（二）由完全民事行为能力人牵领，主动避让行人；
（三）即时清除犬只排泄的粪便。
住宅小区和公园应当设置犬只粪便收集设施。
第八条　禁止携犬进入机关、学校、医院、商场等公共场所。公园管理单位可以划定允许携犬进入的区域和时段，并向社会公示。
第四章　法律责任
第九条　违反本办法第七条规定的，由县住房和城乡建设局责令改正，可以处五十元以上二百元以下罚款。
第十条　本办法自2027年1月1日起施行。"""
SUMMARY = "对收到的意见逐条研究，采纳和部分采纳的意见已在决策文本中体现；未采纳的意见说明了理由。"


def _staff(key: str, role: str):
    from gongkai.agencies.models import Staff

    from .county import demo_username

    return Staff.objects.get(username=demo_username(key, role))


def _disposition(body: str) -> tuple[str, str]:
    for start, value in DISPOSITIONS.items():
        if body.startswith(start):
            return value
    return "not_adopted", "经研究，未予采纳。"


def _decision(agencies):
    from gongkai.publishing import actions as publishing
    from gongkai.publishing.models import Document

    from .publishing import _review_and_publish

    existing = Document.objects.filter(title=DECISION_TITLE).first()
    if existing is not None:
        return existing
    clerk = _staff("xzf", Role.CLERK)
    written = timezone.localdate()
    body = (
        "<p>各镇人民政府、街道办事处，县政府各部门：</p><p>《示范县城区养犬管理办法》已经县政府常务会议研究通过，现印发给你们，请认真贯彻执行。</p>"
        + "".join(f"<p>{line}</p>" for line in FINAL_TEXT.splitlines())
    )
    doc = publishing.create_document(
        clerk,
        title=DECISION_TITLE,
        body=body,
        summary="印发《示范县城区养犬管理办法》，自2027年1月1日起施行。",
        doc_number=f"示政发〔{written.year}〕21号",
        written_on=written,
        made_on=written,
        genre="通知",
        is_normative=True,
    )
    return _review_and_publish(doc, "xzf", waiver="起草说明和意见采纳情况已随文件公开，不另行发布解读")


def build_report(agencies, out) -> None:
    from .consultation import DOGS

    c = Consultation.objects.filter(title=DOGS).select_related("agency").first()
    if c is None or (c.state == State.REPORTED and c.adopted_document_id):
        return
    clerk, reviewer = _staff("zjj", Role.CLERK), _staff("zjj", Role.REVIEWER)
    start = timezone.make_aware(datetime.combine(c.closes_on + timedelta(days=3), time(9)))
    start = min(start, timezone.now() - timedelta(days=3))
    with time_machine.travel(start, tick=False) as traveller:
        if c.state == State.CLOSED:
            comments = list(c.comments.order_by("submitted_at", "pk"))
            limit = [m.pk for m in comments if m.body.startswith(("每户限养一只太严格", "支持每户限养一只"))]
            if len(limit) == 2 and not c.groups.exists():
                report_actions.group_comments(clerk, c, limit, title=GROUP_TITLE)
            for group in c.groups.all():
                report_actions.dispose(clerk, group, disposition="partly", reason=GROUP_REASON)
            for m in c.comments.filter(group__isnull=True):
                disposition, reason = _disposition(m.body)
                report_actions.dispose(clerk, m, disposition=disposition, reason=reason)
            report_actions.set_final_text(clerk, c, text=FINAL_TEXT, summary=SUMMARY)
            report_actions.submit_report(clerk, c)
        traveller.shift(timedelta(days=1))
        if c.state in (State.CLOSED, State.REPORT_REVIEW):
            c.refresh_from_db()
            report_actions.approve_report(reviewer, c)
        c.refresh_from_db()
        if c.state == State.REVIEWED:
            traveller.shift(timedelta(hours=2))
            report_actions.publish_report(reviewer, c)
        traveller.shift(timedelta(days=1))
        decision = _decision(agencies)
        c.refresh_from_db()
        report_actions.link_adopted_document(clerk, c, decision)
    out.write(f"意见采纳情况：《{c.title}》已公布采纳情况并关联决策文件。")
