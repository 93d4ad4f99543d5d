"""Every staff URL, with how to build an object of 县财政局 for it, for the scoping test.

Each entry maps a URL name to a function `(county, people) -> (kwargs, marker)`: `kwargs` reverse the
URL to a page about something of 县财政局 (empty for list pages); `marker` is a text that appears on
the page only when that thing is shown (or a tuple of such texts, all checked). The test asserts both ways: staff of other agencies do not
see it, and a supervisor over 县财政局 (or the person named in SEEN_BY) does. None only where the
page shows nothing of any agency; the entry says why.
A new staff URL must be added here; the test fails for any staff URL that is missing.
"""

from __future__ import annotations

STAFF_URLS = {
    # 待办: an open application of 县财政局 and a document of it at 初审, both 李明's to handle (see SEEN_BY).
    "workbench:home": lambda county, people: (
        {},
        (_finance_application(county, people).receipt_code, _finance_document(people, "submitted").title),
    ),
    # None: the user's own second factor (devices, recovery codes left); nothing of any agency.
    "workbench:two_factor": lambda county, people: ({}, None),
    # None: the 督查看板 only frames the domains' panels; each domain's tests check its panel's scope.
    "workbench:dashboard": lambda county, people: ({}, None),
    "agencies:list": lambda county, people: ({}, "示范县财政局"),
    "agencies:detail": lambda county, people: ({"pk": county.finance.pk}, "示范县财政局"),
    "audit:log": lambda county, people: ({}, "示范县财政局"),
    # 依申请公开: pages about an accepted application of 县财政局, shown by its receipt code.
    "applications_staff:list": lambda county, people: ({}, _finance_application(county, people).receipt_code),
    # The forms' agency choices: 县财政局 is offered only to those who see it.
    "applications_staff:register": lambda county, people: ({}, _agency_option(county.finance)),
    "applications_staff:report": lambda county, people: ({}, _agency_option(county.finance)),
    "applications_staff:detail": lambda county, people: _finance_case(county, people),
    "applications_staff:act": lambda county, people: _finance_case(county, people, action="assign"),
    "applications_staff:reveal": lambda county, people: _finance_case(county, people),
    "applications_staff:notice": lambda county, people: _finance_notice(county, people),
    # None: the downloads are .docx files about the object in their kwargs (outsiders get 403/404).
    "applications_staff:notice_download": lambda county, people: _finance_notice(county, people, sent=True),
    "applications_staff:release_download": lambda county, people: _finance_release(county, people),
    # None: the calculator counts on the one county-wide calendar (start date and days); it lists
    # nothing of any agency.
    "workdays:calculator": lambda county, people: ({}, None),
    # 主动公开: lists show a draft of 县财政局 by its title; detail pages are about that draft.
    "publishing:drafts": lambda county, people: ({}, _finance_draft(people).title),
    # 待我审查: a document of 县财政局 at 初审, which its clerk 李明 takes (see SEEN_BY).
    "publishing:waiting": lambda county, people: ({}, _finance_document(people, "submitted").title),
    "publishing:ready": lambda county, people: ({}, _finance_document(people, "ready").title),
    "publishing:scheduled": lambda county, people: ({}, _finance_document(people, "scheduled").title),
    "publishing:published": lambda county, people: ({}, _finance_document(people, "published").title),
    "publishing:late": lambda county, people: ({}, _finance_draft(people, late=True).title),
    # None: a blank document form; its only agency choice, 发布机构 (联合发文), offers every active
    # agency by design (a document may be issued jointly with any of them, whose names are public);
    # subjects, topics and columns are the same for all.
    "publishing:create": lambda county, people: ({}, None),
    # None: a file field only.
    "publishing:import": lambda county, people: ({}, None),
    # The user's own agency's guide: 县财政局's text is shown to 李明 only (see SEEN_BY).
    "publishing:guide_edit": lambda county, people: ({}, _finance_guide(county, people)),
    # The documents to interpret are the user's own agency's: a 县财政局 draft (see SEEN_BY).
    "publishing:interpretation_create": lambda county, people: ({}, _finance_draft(people).title),
    "publishing:detail": lambda county, people: ({"pk": _finance_draft(people).pk}, "财政预算公开测试稿"),
    "publishing:act": lambda county, people: (
        {"pk": _finance_draft(people).pk, "action": "submit"},
        "财政预算公开测试稿",
    ),
    "publishing:edit": lambda county, people: ({"pk": _finance_draft(people).pk}, "财政预算公开测试稿"),
    "publishing:diff": lambda county, people: ({"pk": _finance_draft(people).pk}, "财政预算公开测试稿"),
    # The reveal page of a finding (a mobile number) in a draft of 县财政局: it names the draft.
    "publishing:finding_reveal": lambda county, people: (
        {"pk": _finance_finding(people).pk},
        "财政预算公开测试稿",
    ),
    # 解读专家: the list shows an expert of 县财政局 by name; the edit page is about that expert.
    "publishing:experts": lambda county, people: ({}, _finance_expert(people).name),
    # None: a blank form (name, field, affiliation) without choices; the expert joins the user's agency.
    "publishing:expert_create": lambda county, people: ({}, None),
    "publishing:expert_edit": lambda county, people: ({"pk": _finance_expert(people).pk}, "财政专家测试员"),
    "publishing:interpretation_detail": lambda county, people: (
        {"pk": _finance_interpretation(people).pk},
        "财政预算公开解读测试稿",
    ),
    "publishing:interpretation_act": lambda county, people: (
        {"pk": _finance_interpretation(people).pk, "action": "submit"},
        "财政预算公开解读测试稿",
    ),
    # 留言办理: a message dispatched to 县财政局, shown by its receipt code (all messages in scope).
    "interaction_staff:home": lambda county, people: ({}, _finance_message(county, people).receipt_code),
    "interaction_staff:detail": lambda county, people: _finance_message_case(county, people),
    "interaction_staff:act": lambda county, people: _finance_message_case(county, people, action="assign"),
    # 热线登记: the mailbox choice offers 县财政局信箱 only to those who see 县财政局.
    "interaction_hotline:hotline": lambda county, people: ({}, _finance_mailbox_option(county)),
    # None: the download is the file of a message led by 县财政局 (outsiders get 404).
    "interaction_hotline:attachment": lambda county, people: ({"pk": _finance_attachment(county).pk}, None),
    # 12345 tokens: a token of 县财政局, listed by its name; the revoke page is about that token.
    "interaction_hotline:tokens": lambda county, people: ({}, _finance_token(county).name),
    "interaction_hotline:token_revoke": lambda county, people: (
        {"pk": _finance_token(county).pk},
        _finance_token(county).name,
    ),
    # Integration tokens of the JSON API: a token of 县财政局, listed by its name; the revoke page is
    # about that token.
    # 监督考评 (issue #15): placeholders until each part lands; every part replaces its entry.
    # 年度报告: a 2025 report of 县财政局 made by 李明, shown by its title; the new-report form offers
    # 县财政局 only to those who may write for it.
    "oversight_staff:reports": lambda county, people: ({}, _finance_report(people).title),
    "oversight_staff:report_new": lambda county, people: ({}, _agency_option(county.finance)),
    "oversight_staff:report": lambda county, people: _finance_report_page(people),
    "oversight_staff:report_edit": lambda county, people: _finance_report_page(people),
    "oversight_staff:report_act": lambda county, people: _finance_report_page(people, action="submit"),
    # None: the report as a .docx file (outsiders get 404).
    "oversight_staff:report_download": lambda county, people: (
        _finance_report_page(people, ext="docx")[0],
        None,
    ),
    # 网站检查: a site of 县财政局 with an inspection finding a problem of 县财政局.
    "oversight_staff:inspections": lambda county, people: ({}, _finance_inspection(county)[0].name),
    # None: the year's scoring rules are the installation's, of no agency.
    "oversight_staff:inspection_rules": lambda county, people: ({}, None),
    "oversight_staff:inspection_site": lambda county, people: (
        {"pk": _finance_inspection(county)[0].pk},
        _finance_inspection(county)[0].name,
    ),
    "oversight_staff:inspection_run": lambda county, people: (
        {"pk": _finance_inspection(county)[0].pk},
        _finance_inspection(county)[0].name,
    ),
    "oversight_staff:inspection": lambda county, people: (
        {"pk": _finance_inspection(county)[1].pk},
        _finance_inspection(county)[2].title,
    ),
    # None: the .xlsx of the inspection in its kwargs (outsiders get 404).
    "oversight_staff:inspection_xlsx": lambda county, people: (
        {"pk": _finance_inspection(county)[1].pk},
        None,
    ),
    "oversight_staff:finding": lambda county, people: (
        {"pk": _finance_inspection(county)[2].pk},
        _finance_inspection(county)[2].title,
    ),
    # 考核评议: the county's scheme (by its title) and published assessment, in which 县财政局 is scored;
    # the moderation list shows a pending comment on 县财政局's scorecard; the new-scheme form offers
    # 县财政局 only to those who see it.
    "oversight_staff:assessments": lambda county, people: (
        {},
        _finance_scorecard(county, people).scheme.title,
    ),
    "oversight_staff:assessment_scheme_new": lambda county, people: ({}, _agency_option(county.finance)),
    "oversight_staff:assessment_scheme": lambda county, people: (
        {"pk": _finance_scorecard(county, people).scheme.pk},
        "示范县人民政府2025年度政务公开工作考核方案",
    ),
    "oversight_staff:assessment_detail": lambda county, people: (
        {"pk": _finance_scorecard(county, people).pk},
        "示范县财政局",
    ),
    "oversight_staff:assessment_ratings": lambda county, people: (
        {},
        _finance_scorecard_comment(county, people),
    ),
    # 通报整改: a bulletin of 县政府办公室 criticising 县财政局 (published, so 县财政局 sees it too), its
    # 整改, and a 特邀监督员's feedback on 县财政局; 培训: a session 县财政局 organised for itself.
    "oversight_staff:bulletins": lambda county, people: ({}, _bulletin_title(county, people)),
    # None: a blank form; the issuing agency is the user's own.
    "oversight_staff:bulletin_new": lambda county, people: ({}, None),
    "oversight_staff:bulletin": lambda county, people: _bulletin_page(
        county, people, _bulletins().FINANCE_FINDING
    ),
    "oversight_staff:bulletin_edit": lambda county, people: _bulletin_page(
        county, people, _bulletins().TITLE
    ),
    "oversight_staff:bulletin_act": lambda county, people: _bulletin_page(
        county, people, _bulletins().TITLE, action="return"
    ),
    # None: a .docx of the bulletin in the kwargs (outsiders get 404).
    "oversight_staff:bulletin_docx": lambda county, people: _bulletin_page(county, people, None),
    "oversight_staff:rectification": lambda county, people: (
        {"pk": _bulletins().finance_rectification(county, people["supervisor"]).pk},
        _bulletins().FINANCE_FINDING,
    ),
    "oversight_staff:feedback": lambda county, people: (
        {},
        (_bulletins().finance_feedback(county).supervisor.name, "示范县财政局"),
    ),
    "oversight_staff:feedback_new": lambda county, people: ({}, _agency_option(county.finance)),
    "oversight_staff:feedback_item": lambda county, people: (
        {"pk": _bulletins().finance_feedback(county).pk},
        _bulletins().FINANCE_FEEDBACK,
    ),
    "oversight_staff:feedback_supervisor": lambda county, people: (
        {"pk": _bulletins().finance_feedback(county).supervisor.pk},
        "钱进",
    ),
    "oversight_staff:trainings": lambda county, people: ({}, _bulletins().finance_session(county).title),
    "oversight_staff:training_new": lambda county, people: ({}, _agency_option(county.finance)),
    "oversight_staff:training": lambda county, people: (
        {"pk": _bulletins().finance_session(county).pk},
        _bulletins().SESSION_TITLE,
    ),
    "api_staff:tokens": lambda county, people: ({}, _finance_api_token(county).name),
    "api_staff:token_revoke": lambda county, people: (
        {"pk": _finance_api_token(county).pk},
        _finance_api_token(county).name,
    ),
    # 民意诉求反馈提示函 of 县政府办公室 to 县财政局, shown by its topic; the keywords page lists the
    # office's keyword for 县财政局 (种粮补贴) — the sibling and the outsider keep their own lists.
    "interaction_letters:home": lambda county, people: ({}, _finance_letter(county).topic),
    "interaction_letters:detail": lambda county, people: ({"pk": _finance_letter(county).pk}, "种粮补贴"),
    "interaction_letters:act": lambda county, people: (
        {"pk": _finance_letter(county).pk, "action": "issue"},
        "示范县财政局",
    ),
    # None: a .docx file of the letter in its kwargs (outsiders get 404).
    "interaction_letters:docx": lambda county, people: (
        {"pk": _finance_letter(county, issued=True).pk},
        None,
    ),
    "interaction_letters:keywords": lambda county, people: ({}, _finance_keyword(county).word),
    # None: the office's own template of its letters; it names no agency's letter or message.
    "interaction_letters:template": lambda county, people: ({}, None),
    "interaction_letters:keyword_remove": lambda county, people: (
        {"pk": _finance_keyword(county).pk},
        "种粮补贴",
    ),
    # 留言督办: the scorecard row of 县财政局 (the lead of the message), by its name.
    "interaction_staff:dashboard": lambda county, people: (
        {},
        (_finance_message(county, people).receipt_code and "示范县财政局"),
    ),
    # 政务公开工作要点: 县财政局's own plan (imported by 李明) with one task of 县财政局, shown by the
    # plan's title or the task's content; the plan forms offer 县财政局 only to those who see it.
    "plans_staff:home": lambda county, people: ({}, _finance_plan(people).title),
    "plans_staff:new": lambda county, people: ({}, _agency_option(county.finance)),
    "plans_staff:import": lambda county, people: ({}, _agency_option(county.finance)),
    "plans_staff:review": lambda county, people: (
        {"key": _finance_plan(people).import_key},
        _finance_plan(people).title,
    ),
    "plans_staff:plan": lambda county, people: (
        {"pk": _finance_plan(people).pk},
        _finance_plan(people).title,
    ),
    "plans_staff:plan_edit": lambda county, people: (
        {"pk": _finance_plan(people).pk},
        _finance_plan(people).title,
    ),
    "plans_staff:task_new": lambda county, people: (
        {"pk": _finance_plan(people).pk},
        _finance_plan(people).title,
    ),
    "plans_staff:act": lambda county, people: (
        {"pk": _finance_plan(people).pk, "action": "submit"},
        _finance_plan(people).title,
    ),
    "plans_staff:task": lambda county, people: (
        {"pk": _finance_plan_task(people).pk},
        "财政工作要点测试任务",
    ),
    "plans_staff:task_edit": lambda county, people: (
        {"pk": _finance_plan_task(people).pk},
        "财政工作要点测试任务",
    ),
    # 征求意见: an open consultation of 县财政局 with a comment waiting for moderation, shown by its
    # title and the comment's text; the county's decision catalog, kept by 县政府办公室 (a department's
    # staff get 403), shown by an entry led by 县财政局.
    "consultation_staff:home": lambda county, people: ({}, _finance_consultation(people).title),
    # None: the form offers only the user's own agency; it shows nothing of another.
    "consultation_staff:create": lambda county, people: ({}, None),
    "consultation_staff:moderation": lambda county, people: ({}, _finance_comment(people).body),
    "consultation_staff:moderate": lambda county, people: (
        {"pk": _finance_comment(people).pk},
        _finance_comment(people).body,
    ),
    "consultation_staff:detail": lambda county, people: (
        {"pk": _finance_consultation(people).pk},
        _finance_comment(people).body,
    ),
    "consultation_staff:edit": lambda county, people: (
        {"pk": _finance_consultation(people).pk},
        _finance_consultation(people).title,
    ),
    "consultation_staff:offline": lambda county, people: (
        {"pk": _finance_consultation(people).pk},
        _finance_consultation(people).title,
    ),
    "consultation_staff:act": lambda county, people: (
        {"pk": _finance_consultation(people).pk, "action": "close"},
        _finance_consultation(people).title,
    ),
    "consultation_staff:decisions": lambda county, people: ({}, _finance_decision_item(county).title),
    "consultation_staff:decision_edit": lambda county, people: (
        {"pk": _finance_decision_item(county).pk},
        _finance_decision_item(county).title,
    ),
    # 意见处理和采纳情况: the page of a consultation of 县财政局, shown by its title.
    "consultation_staff:report": lambda county, people: _finance_consultation_for_report(people),
    # 政务新媒体: a running WeChat account of 县财政局 (财政惠民号) and the release of one of its published
    # documents to it, shown by the account's name and the document's title.
    # 数据开放服务: an approved 有条件开放 application of 县财政局 (shown by its receipt code) and its
    # token (by its prefix); a 2026 opening-plan item of 县财政局 (by its title), the plan form's agency
    # choice; a 需求征集 request to 县财政局 (by its receipt code).
    "opendata_staff:access": lambda county, people: ({}, _finance_access(county)[0].receipt_code),
    "opendata_staff:application": lambda county, people: (
        {"pk": _finance_access(county)[0].pk},
        _finance_access(county)[0].receipt_code,
    ),
    "opendata_staff:token": lambda county, people: (
        {"pk": _finance_access(county)[1].pk},
        _finance_access(county)[1].prefix,
    ),
    "opendata_staff:plan": lambda county, people: ({}, _finance_plan_item(county, people).title),
    "opendata_staff:plan_new": lambda county, people: ({}, _agency_option(county.finance)),
    "opendata_staff:plan_item": lambda county, people: (
        {"pk": _finance_plan_item(county, people).pk},
        "财政数据开放计划测试事项",
    ),
    "opendata_staff:requests": lambda county, people: ({}, _finance_request(county).receipt_code),
    "opendata_staff:request": lambda county, people: (
        {"pk": _finance_request(county).pk},
        _finance_request(county).receipt_code,
    ),
    "newmedia_staff:home": lambda county, people: ({}, _finance_media_account(county).name),
    "newmedia_staff:account_new": lambda county, people: ({}, _agency_option(county.finance)),
    "newmedia_staff:account": lambda county, people: (
        {"pk": _finance_media_account(county).pk},
        "财政惠民号",
    ),
    "newmedia_staff:act": lambda county, people: (
        {"pk": _finance_media_account(county).pk, "action": "close"},
        "财政惠民号",
    ),
    "newmedia_staff:post_new": lambda county, people: (
        {"pk": _finance_media_account(county).pk},
        "财政惠民号",
    ),
    "newmedia_staff:post_import": lambda county, people: (
        {"pk": _finance_media_account(county).pk},
        "财政惠民号",
    ),
    "newmedia_staff:feed_fetch": lambda county, people: (
        {"pk": _finance_media_account(county).pk},
        "财政惠民号",
    ),
    "newmedia_staff:releases": lambda county, people: ({}, _finance_outbox_item(county).release.title),
    "newmedia_staff:release": lambda county, people: (
        {"pk": _finance_outbox_item(county).release_id},
        "示范县财政局关于惠民资金发放的公告",
    ),
    "newmedia_staff:release_new": lambda county, people: (
        {"key": "publishing.document", "pk": _finance_outbox_item(county).release.object_id},
        "示范县财政局关于惠民资金发放的公告",
    ),
    "newmedia_staff:item_retry": lambda county, people: (
        {"pk": _finance_outbox_item(county).pk},
        "示范县财政局关于惠民资金发放的公告",
    ),
    "newmedia_staff:item_posted": lambda county, people: (
        {"pk": _finance_outbox_item(county).pk},
        "示范县财政局关于惠民资金发放的公告",
    ),
    # 舆情事件: an event of 县财政局 (monitored by it) about a school canteen, shown by its title.
    "opinion_staff:events": lambda county, people: ({}, _finance_opinion_event(county).title),
    "opinion_staff:event": lambda county, people: (
        {"pk": _finance_opinion_event(county).pk},
        _finance_opinion_event(county).title,
    ),
    # 舆情采集: a source of 县财政局 (made by its analyst 钱丽) with one collected post, shown by the
    # source's name and the post's title. Supervisors read them; analysts of other agencies do not.
    "opinion_staff:posts": lambda county, people: ({}, _finance_opinion_source(county).posts.get().title),
    "opinion_staff:sources": lambda county, people: ({}, _finance_opinion_source(county).name),
    "opinion_staff:source_new": lambda county, people: ({}, _agency_option(county.finance)),
    **{
        f"opinion_staff:{name}": lambda county, people: (
            {"pk": _finance_opinion_source(county).pk},
            "财政舆情测试来源",
        )
        for name in (
            "source",
            "source_edit",
            "source_toggle",
            "source_refetch",
            "source_import",
            "source_token",
        )
    },
    # 网上调查: an open survey of 县财政局 (made by 李明) with one response and a free-text answer,
    # shown by its title; the survey form offers 县财政局 only to those who see it.
    "surveys_staff:home": lambda county, people: ({}, _finance_survey(people).title),
    "surveys_staff:new": lambda county, people: ({}, _agency_option(county.finance)),
    "surveys_staff:detail": lambda county, people: (
        {"pk": _finance_survey(people).pk},
        _finance_survey(people).title,
    ),
    "surveys_staff:edit": lambda county, people: (
        {"pk": _finance_survey(people).pk},
        _finance_survey(people).title,
    ),
    "surveys_staff:review": lambda county, people: ({"pk": _finance_survey(people).pk}, "财政调查测试意见"),
    "surveys_staff:act": lambda county, people: (
        {"pk": _finance_survey(people).pk, "action": "close"},
        _finance_survey(people).title,
    ),
    "surveys_staff:question_new": lambda county, people: (
        {"pk": _finance_survey(people).pk},
        _finance_survey(people).title,
    ),
    "surveys_staff:question_edit": lambda county, people: (
        {"pk": _finance_survey(people).pk, "qid": _finance_survey(people).questions.first().pk},
        _finance_survey(people).title,
    ),
    "surveys_staff:question_delete": lambda county, people: (
        {"pk": _finance_survey(people).pk, "qid": _finance_survey(people).questions.first().pk},
        _finance_survey(people).title,
    ),
    # None: a CSV file of the survey in its kwargs (outsiders get 404).
    "surveys_staff:export": lambda county, people: ({"pk": _finance_survey(people).pk, "fmt": "csv"}, None),
    # 在线访谈: a live interview of 县财政局 (an entry, a question) shown by its topic; the question
    # list of the console by the question; the transcript file of a finished one is a download (None).
    "interviews_staff:home": lambda county, people: ({}, _finance_interview(people).topic),
    "interviews_staff:create": lambda county, people: ({}, _agency_option(county.finance)),
    "interviews_staff:detail": lambda county, people: _finance_interview_page(people),
    "interviews_staff:console": lambda county, people: _finance_interview_page(people),
    "interviews_staff:add_guest": lambda county, people: _finance_interview_page(people),
    "interviews_staff:add_media": lambda county, people: _finance_interview_page(people),
    "interviews_staff:act": lambda county, people: _finance_interview_page(people, action="finish"),
    "interviews_staff:questions": lambda county, people: (
        {"pk": _finance_interview(people).pk},
        "在线访谈范围测试问题",
    ),
    "interviews_staff:moderate": lambda county, people: _finance_interview_page(
        people, question=_finance_interview(people).questions.get().pk
    ),
    "interviews_staff:withdraw": lambda county, people: _finance_interview_page(
        people, entry=_finance_interview(people).entries.get().pk
    ),
    "interviews_staff:media_file": lambda county, people: _finance_interview_media(people),
    # 数据开放: a draft dataset of 县财政局 (李明's, with one CSV resource), shown by its title.
    "opendata_staff:home": lambda county, people: ({}, _finance_dataset(people).title),
    # None: a blank form; its related-document choices are the user's own agency's published documents.
    "opendata_staff:new": lambda county, people: ({}, None),
    "opendata_staff:dataset": lambda county, people: ({"pk": _finance_dataset(people).pk}, "财政数据集测试"),
    "opendata_staff:edit": lambda county, people: ({"pk": _finance_dataset(people).pk}, "财政数据集测试"),
    "opendata_staff:fields": lambda county, people: ({"pk": _finance_dataset(people).pk}, "财政数据集测试"),
    "opendata_staff:resource_new": lambda county, people: (
        {"pk": _finance_dataset(people).pk},
        "财政数据集测试",
    ),
    "opendata_staff:act": lambda county, people: (
        {"pk": _finance_dataset(people).pk, "action": "submit"},
        "财政数据集测试",
    ),
    "opendata_staff:resource": lambda county, people: (
        {"pk": _finance_dataset(people).resources.get().pk},
        ("财政数据集测试", "财政测试科目"),
    ),
    # 舆情处置 (op-act): an event monitored by 县财政局, shown by its title; a rule and reports of it.
    "opinion_staff:handling": lambda county, people: ({}, _finance_opinion_event(county).title),
    "opinion_staff:handling_event": lambda county, people: (
        {"pk": _finance_opinion_event(county).pk},
        _finance_opinion_event(county).title,
    ),
    "opinion_staff:event_act": lambda county, people: (
        {"pk": _finance_opinion_event(county).pk, "action": "grade"},
        _finance_opinion_event(county).title,
    ),
    "opinion_staff:rules": lambda county, people: ({}, _finance_opinion_rule(county).topic),
    # GET shows the table (the delete is a POST).
    "opinion_staff:rule_delete": lambda county, people: (
        {"pk": _finance_opinion_rule(county).pk},
        _finance_opinion_rule(county).topic,
    ),
    "opinion_staff:reports": lambda county, people: ({}, _finance_opinion_report(county).title),
    "opinion_staff:report": lambda county, people: (
        {"pk": _finance_opinion_report(county).pk},
        _finance_opinion_report(county).title,
    ),
    # None: the download is the .docx of the report in its kwargs (outsiders get 404).
    "opinion_staff:report_download": lambda county, people: (
        {"pk": _finance_opinion_report(county, issued=True).pk},
        None,
    ),
    # 舆情监测方案: a watch plan of 县财政局, shown by its name.
    "opinion_staff:plans": lambda county, people: ({}, _finance_watch_plan().name),
    # None: a blank plan form without choices; the plan joins the user's own agency.
    "opinion_staff:plan_create": lambda county, people: ({}, None),
    # None: the live count of a draft given in the query string; it shows a number, nothing of any agency.
    "opinion_staff:plan_count": lambda county, people: ({}, None),
    "opinion_staff:plan_detail": lambda county, people: (
        {"pk": _finance_watch_plan().pk},
        "财政舆情测试方案",
    ),
    "opinion_staff:plan_edit": lambda county, people: ({"pk": _finance_watch_plan().pk}, "财政舆情测试方案"),
    "opinion_staff:plan_toggle": lambda county, people: (
        {"pk": _finance_watch_plan().pk},
        "财政舆情测试方案",
    ),
    # 办事服务: 县财政局's power list draft (第1版, one item), an enforcement decision, a service guide and
    # a case, shown by their names or numbers; the forms offer 县财政局 only to those who see it.
    "services_staff:power_lists": lambda county, people: (
        {},
        (_services().finance_power_list(people["owner"]).agency.name, "财政权责清单测试调整"),
    ),
    "services_staff:power_list_new": lambda county, people: ({}, _agency_option(county.finance)),
    "services_staff:power_list": lambda county, people: _finance_power_list(people),
    "services_staff:power_list_act": lambda county, people: _finance_power_list(people, action="submit"),
    "services_staff:item_new": lambda county, people: _finance_power_list(people),
    "services_staff:item_edit": lambda county, people: _finance_power_item(people),
    "services_staff:item_remove": lambda county, people: _finance_power_item(people),
    "services_staff:decisions": lambda county, people: (
        {},
        _services().finance_decision(people["owner"]).number,
    ),
    "services_staff:decision_new": lambda county, people: ({}, _agency_option(county.finance)),
    "services_staff:decision": lambda county, people: (
        {"pk": _services().finance_decision(people["owner"]).pk},
        "示财罚决字〔2026〕7号",
    ),
    "services_staff:guides": lambda county, people: ({}, _services().finance_guide(people["owner"]).name),
    "services_staff:guide_new": lambda county, people: ({}, _agency_option(county.finance)),
    "services_staff:guide": lambda county, people: (
        {"pk": _services().finance_guide(people["owner"]).pk},
        "财政票据领购测试指南",
    ),
    "services_staff:cases": lambda county, people: ({}, _services().finance_case(people["owner"]).number),
    "services_staff:case_import": lambda county, people: ({}, _agency_option(county.finance)),
}


# Pages that show the 县财政局 object to its own staff only, not to a supervisor: the user's own
# 待办 and review queue, its own agency's guide and documents. The marker is checked as that person.
SEEN_BY = {
    "workbench:home": "owner",
    "publishing:waiting": "owner",
    "publishing:guide_edit": "owner",
    "publishing:interpretation_create": "owner",
}


def _finance_inspection(county):
    """A site of 县财政局, inspected once, finding a broken link of 县财政局 (made once per test)."""
    from django.utils import timezone

    from gongkai.oversight.inspection import scoring
    from gongkai.oversight.models import Finding, Inspection
    from gongkai.portal.actions import create_site
    from gongkai.portal.models import Site

    site = Site.objects.filter(name="示范县财政局检查测试网站").first() or create_site(
        None,
        name="示范县财政局检查测试网站",
        code="3700000009",
        agency=county.finance,
        hosts=["czj.example.gov.cn"],
    )
    inspection = Inspection.objects.filter(site=site).first()
    if inspection is None:
        inspection = Inspection.objects.create(site=site, started_at=timezone.now())
        Finding.objects.create(
            inspection=inspection,
            check_code="links.broken",
            key="/czj/broken/",
            agency=county.finance,
            url="/czj/broken/",
            title="财政局检查测试失效链接",
        )
        scoring.apply(inspection)
        inspection.state = Inspection.State.DONE
        inspection.finished_at = timezone.now()
        inspection.save()
    return site, inspection, inspection.findings.get()


def _services():
    from tests.services import helpers

    return helpers


def _finance_power_list(people, **extra):
    pl = _services().finance_power_list(people["owner"])
    return {"pk": pl.pk, **extra}, str(pl)


def _finance_power_item(people):
    item = _services().finance_power_list(people["owner"]).items.get()
    return {"pk": item.pk}, "财政权责测试事项1"


def _bulletins():
    from tests.oversight import bulletins_fixtures

    return bulletins_fixtures


def _bulletin_title(county, people) -> str:
    return _bulletins().published_bulletin(county, people["supervisor"]).title


def _bulletin_page(county, people, marker, **extra):
    return {"pk": _bulletins().published_bulletin(county, people["supervisor"]).pk, **extra}, marker


def _agency_option(agency) -> str:
    """The <option> of `agency` in an agency choice."""
    return f'<option value="{agency.pk}"'


def _finance_document(people, state: str):
    """A document of 县财政局 taken to `state` (submitted, ready, scheduled, published) through
    the real review: 李明 submits, 李明, 王芳, 张伟 and 孙丽 approve, 李明 schedules or publishes."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.publishing import actions
    from tests.publishing.builders import Team, draft, review_all

    labels = {"submitted": "待审", "ready": "待发布", "scheduled": "定时发布", "published": "已发布"}
    doc = draft(people["owner"], title=f"财政预算公开测试稿（{labels[state]}）")
    if state == "submitted":
        return actions.submit_document(people["owner"], doc)
    colleagues = (_finance_colleague(role) for role in ("reviewer", "signer", "secrecy_reviewer"))
    team = Team(people["owner"], *colleagues)
    doc = review_all(doc, team)
    if state == "scheduled":
        return actions.schedule_publication(team.clerk, doc, at=timezone.now() + dt.timedelta(days=30))
    if state == "published":
        return actions.publish_document(team.clerk, doc)
    return doc


def _finance_colleague(role: str):
    """A staff member of 县财政局 (李明's agency) with `role`, made once per test."""
    from gongkai.agencies.actions import create_staff
    from gongkai.agencies.models import Agency, Staff
    from tests.conftest import PASSWORD

    username = f"scope_finance_{role}"
    existing = Staff.objects.filter(username=username).first()
    if existing:
        return existing
    agency = Agency.objects.get(name="示范县财政局")
    return create_staff(
        None, username=username, password=PASSWORD, agency=agency, full_name="财政同事", roles=[role]
    )


def _finance_guide(county, people) -> str:
    from gongkai.publishing import actions

    text = "示范县财政局公开指南测试正文"
    actions.update_guide(people["owner"], county.finance, body=f"<p>{text}</p>")
    return text


def _finance_draft(people, *, late: bool = False):
    from datetime import date

    from gongkai.publishing.actions import create_document

    return create_document(
        people["owner"],
        title="财政预算公开测试稿" + ("（超期）" if late else ""),
        made_on=date(2020, 1, 6) if late else None,
    )


def _finance_finding(people):
    from gongkai.publishing.actions import create_document

    doc = create_document(people["owner"], title="财政预算公开测试稿", body="<p>联系电话13812345678</p>")
    return doc.findings.get()


def _finance_interpretation(people):
    from gongkai.publishing.actions import create_interpretation

    return create_interpretation(
        people["owner"], title="财政预算公开解读测试稿", documents=[_finance_draft(people)]
    )


def _finance_expert(people):
    from gongkai.publishing.actions import create_expert

    return create_expert(people["owner"], name="财政专家测试员", field="财政预算")


# Public or authentication pages: reachable without a staff scope.
# The login steps: the second one and enrolment serve a user who has given only the password.
OPEN_URLS = {"workbench:login", "workbench:login_code", "workbench:two_factor_enrol", "workbench:logout"}


def _finance_application(county, people):
    from tests.applications.helpers import finance_application

    return finance_application(county, people)


def _finance_case(county, people, **extra):
    app = _finance_application(county, people)
    return {"pk": app.pk, **extra}, app.receipt_code


def _finance_notice(county, people, *, sent: bool = False):
    from tests.applications.helpers import finance_notice

    notice = finance_notice(county, people, sent=sent)
    return {"pk": notice.pk}, None if sent else notice.application.receipt_code


def _finance_release(county, people):
    from tests.applications.helpers import finance_release

    return {"pk": finance_release(county, people).pk}, None


def _finance_message(county, people):
    from tests.interaction.helpers import finance_message

    return finance_message(county)


def _finance_mailbox_option(county) -> str:
    from tests.interaction.portal_helpers import finance_mailbox

    return f'<option value="{finance_mailbox(county).pk}"'


def _finance_attachment(county):
    from tests.interaction.portal_helpers import finance_attachment

    return finance_attachment(county)


def _finance_token(county):
    from tests.interaction.portal_helpers import finance_token

    return finance_token(county)


def _finance_api_token(county):
    from tests.api.helpers import finance_api_token

    return finance_api_token(county)


def _finance_letter(county, *, issued: bool = False):
    from tests.interaction.helpers import finance_letter

    return finance_letter(county, issued=issued)


def _finance_keyword(county):
    from tests.interaction.helpers import finance_keyword

    return finance_keyword(county)


def _finance_message_case(county, people, **extra):
    message = _finance_message(county, people)
    return {"pk": message.pk, **extra}, message.receipt_code


def _finance_plan(people):
    """县财政局's own 2026 工作要点, imported by 李明, with one task of 县财政局 (made once per test)."""
    from gongkai.plans.actions import import_plan
    from gongkai.plans.models import AnnualPlan

    owner = people["owner"]
    existing = AnnualPlan.objects.filter(agency_id=owner.agency_id, year=2026).first()
    if existing:
        return existing
    task = {"content": "财政工作要点测试任务：公开部门预算。", "agency_id": owner.agency_id}
    return import_plan(
        owner,
        agency=owner.agency,
        year=2026,
        title="示范县财政局2026年政务公开工作要点（测试）",
        deadline=None,
        tasks=[task],
        import_key="scope-finance-plan",
    )


def _finance_plan_task(people):
    return _finance_plan(people).tasks.get()


def _finance_consultation(people):
    """An open consultation of 县财政局: prepared by 李明, approved by its reviewer (made once per test)."""
    from gongkai.agencies.models import Role, Staff
    from gongkai.consultation import actions
    from gongkai.consultation.models import Consultation
    from tests.conftest import _person

    title = "示范县财政局专项资金管理办法（征求意见稿）"
    found = Consultation.objects.filter(title=title).first()
    if found:
        return found
    owner = people["owner"]
    reviewer = Staff.objects.filter(username="scope_reviewer").first() or _person(
        "scope_reviewer", "财政审核", owner.agency, Role.REVIEWER
    )
    c = actions.create_consultation(owner, agency=owner.agency, title=title, draft_text="第一条　测试条文。")
    c = actions.approve_consultation(reviewer, actions.submit_consultation(owner, c))
    return actions.open_consultation(owner, c)


def _finance_comment(people):
    from gongkai.consultation import actions
    from gongkai.consultation.models import Comment

    c = _finance_consultation(people)
    body = "专项资金办法的一条待审核意见"
    return (
        Comment.objects.filter(body=body).first()
        or actions.submit_comment(
            c, body=body, phone="13812345678", idempotency_key="scope-registry", paragraph=1
        )[0]
    )


def _finance_decision_item(county):
    from gongkai.consultation import actions
    from gongkai.consultation.models import DecisionItem

    title = "制定示范县财政专项资金管理办法"
    return DecisionItem.objects.filter(title=title).first() or actions.create_decision_item(
        None, government=county.government, year=2026, title=title, lead_agency=county.finance
    )


def _finance_consultation_for_report(people):
    """A draft consultation of 县财政局 prepared by 李明 (made once per test)."""
    from gongkai.consultation import actions
    from gongkai.consultation.models import Consultation

    title = "示范县财政局意见处理页面测试办法（征求意见稿）"
    c = Consultation.objects.filter(title=title).first() or actions.create_consultation(
        people["owner"], agency=people["owner"].agency, title=title, draft_text="第一条　测试条文。"
    )
    return {"pk": c.pk}, title


def _finance_media_account(county):
    from tests.newmedia.helpers import finance_account

    return finance_account(county)


def _finance_access(county):
    from tests.opendata.access_helpers import finance_access

    return finance_access(county)


def _finance_plan_item(county, people):
    from tests.opendata.access_helpers import finance_plan_item

    return finance_plan_item(county, people)


def _finance_request(county):
    from tests.opendata.access_helpers import finance_request

    return finance_request(county)


def _finance_opinion_source(county):
    from tests.opinion.sources_helpers import finance_opinion_source

    return finance_opinion_source(county)


def _finance_outbox_item(county):
    from tests.newmedia.helpers import finance_item

    return finance_item(county)


def _finance_survey(people):
    """An open survey of 县财政局 by 李明 with one response carrying a free-text answer (made once per test)."""
    from gongkai.surveys.models import Survey
    from tests.surveys.conftest import build_survey

    survey = Survey.objects.filter(title="财政调查测试").first()
    if survey is None:
        from gongkai.surveys import actions
        from tests.surveys.conftest import CLOSES, fields

        owner = people["owner"]
        survey = build_survey(owner, owner.agency, title="财政调查测试")
        survey.closes_at = CLOSES.replace(year=2100)
        survey.save(update_fields=["closes_at"])
        actions.open_survey(owner, survey)
        actions.submit_response(
            survey,
            data=fields(survey, text="财政调查测试意见"),
            voter="scope-voter",
            idempotency_key="scope-key",
        )
    return survey


# 新闻发布 (issue #12): its URLs live beside its tests.
from tests.press.scope import PRESS_URLS  # noqa: E402

STAFF_URLS.update(PRESS_URLS)


def _finance_interview(people):
    """A live interview of 县财政局 by 李明 with one entry and one held question (made once per test)."""
    from gongkai.interviews import actions
    from gongkai.interviews.models import Interview

    existing = Interview.objects.filter(topic="在线访谈范围测试").first()
    if existing:
        return existing
    owner = people["owner"]
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now()
    interview = actions.create_interview(
        owner,
        agency=owner.agency,
        topic="在线访谈范围测试",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    interview = actions.open_questions(owner, interview)
    actions.submit_question(
        interview, body="在线访谈范围测试问题", phone="13812345678", idempotency_key="scope"
    )
    interview = actions.start_interview(owner, interview)
    actions.post_entry(owner, interview, body="在线访谈范围测试文字")
    return interview


def _finance_interview_page(people, **extra):
    interview = _finance_interview(people)
    return {"pk": interview.pk, **extra}, interview.topic


def _finance_interview_media(people):
    """A finished interview of 县财政局 with one image of its transcript."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.demo.interviews import _png
    from gongkai.interviews import actions

    interview = _finance_interview(people)
    if interview.state == "live":
        interview = actions.finish_interview(people["owner"], interview)
    item = interview.media.first() or actions.add_media(
        people["owner"], interview, upload=SimpleUploadedFile("scope.png", _png(4, 4)), title="范围测试图片"
    )
    return {"pk": interview.pk, "media": item.pk}, None


def _finance_dataset(people):
    """A draft dataset of 县财政局 prepared by 李明 with one uploaded CSV (made once per test)."""
    from gongkai.opendata import actions
    from gongkai.opendata.models import Dataset

    found = Dataset.objects.filter(title="财政数据集测试").first()
    if found:
        return found
    owner = people["owner"]
    meta = {"summary": "测试", "theme": "财税金融", "frequency": "每年"}
    dataset = actions.create_dataset(owner, agency=owner.agency, title="财政数据集测试", **meta)
    actions.set_fields(owner, dataset, actions.parse_fields("item|科目|文本\namount|金额|数值|万元"))
    csv = "科目,金额\n财政测试科目,12.5\n".encode()
    actions.add_resource(owner, dataset, title="明细", data=csv, filename="t.csv")
    return dataset


def _finance_opinion_event(county):
    """An event monitored by 县财政局 (made once per test)."""
    from gongkai.opinion.models import Event
    from tests.opinion.handling_helpers import make_event

    return Event.objects.filter(title="县财政局舆情范围测试事件").first() or make_event(
        county.finance, "县财政局舆情范围测试事件"
    )


def _finance_opinion_rule(county):
    from gongkai.opinion import actions_handling

    return actions_handling.save_agency_rule(
        None, county.finance, region="", topic="财政补贴范围测试", agency=county.finance
    )


def _finance_opinion_report(county, *, issued: bool = False):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.opinion import actions_handling
    from gongkai.opinion.models import Report

    report = Report.objects.filter(owner=county.finance).first()
    if report is None:
        now = timezone.now()
        report = actions_handling.create_report(
            None, county.finance, kind="weekly", period_start=now - timedelta(days=7), period_end=now
        )
    if issued and report.state == "draft":
        report = actions_handling.issue_report(None, report)
    return report


def _finance_watch_plan():
    """A watch plan of 县财政局, made by its opinion analyst through the action."""
    from gongkai.opinion.actions_plans import create_plan
    from gongkai.opinion.models import WatchPlan

    existing = WatchPlan.objects.filter(name="财政舆情测试方案").first()
    if existing:
        return existing
    data = {"name": "财政舆情测试方案", "subject": "惠农补贴", "event": "拖欠 截留"}
    return create_plan(_finance_colleague("opinion_analyst"), data)


def _finance_scorecard(county, people):
    from tests.oversight.assessment_builders import finance_scorecard

    return finance_scorecard(county, people)


def _finance_scorecard_comment(county, people):
    from tests.oversight.assessment_builders import FINANCE_COMMENT, finance_scorecard

    finance_scorecard(county, people)
    return FINANCE_COMMENT.split("：")[0]


def _finance_report(people):
    """县财政局's 2025 annual report, created by 李明 (once per test)."""
    from gongkai.oversight.reports_actions import create_report

    owner = people["owner"]
    return create_report(owner, agency=owner.agency, year=2025)


def _finance_report_page(people, **extra):
    report = _finance_report(people)
    return {"pk": report.pk, **extra}, report.title
