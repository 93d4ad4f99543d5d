"""Staff pages of 政务新媒体 (/workbench/new-media/) and the public list (/new-media/)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.models import Role
from gongkai.agencies.scope import staff_view, visible_agencies
from gongkai.common.errors import ActionRefused
from gongkai.common.metric_records import narrow
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_choice

from . import actions, channels, queries, releasable
from .forms import AccountForm, ImportForm, MarkPostedForm, PostForm, ReleaseForm
from .models import AccountState, ChannelKind, OutboxState, Platform
from .queries import accounts_for, channels_for, items_for, public_accounts, releases_for
from .workflow import ACCOUNTS

STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)
NAV = "newmedia"


def _form_error(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# ---------------------------------------------------------------- accounts


@staff_view(*STAFF_ROLES)
def account_list(request):
    state = param_choice(request.GET.get("state"), AccountState.values)
    platform = param_choice(request.GET.get("platform"), Platform.values)
    # The accounts behind a figure of a scorecard (`?figure=…`).
    figure = narrow(
        request, accounts_for(request.user).order_by("agency__path", "platform", "name"), queries.FIGURES
    )
    qs = figure.qs
    if state:
        qs = qs.filter(state=state)
    if platform:
        qs = qs.filter(platform=platform)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in (("state", state), ("platform", platform)) if v] + figure.query())
    return render(
        request,
        "newmedia/wb_list.html",
        {
            "nav": NAV,
            "page_obj": page,
            "states": AccountState.choices,
            "platforms": Platform.choices,
            "state": state,
            "platform": platform,
            "query_string": query,
            **figure.context(),
        },
    )


@staff_view(Role.CLERK, Role.SUPERVISOR)
def account_new(request):
    agencies = visible_agencies(request.user).order_by("path")
    form = AccountForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        initial={"agency": request.user.agency_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            account = actions.register_account(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(request, f"账号“{account.name}”已登记，待审核人审核")
            return redirect("newmedia_staff:account", account.pk)
    return render(request, "newmedia/wb_account_form.html", {"nav": NAV, "form": form})


@staff_view(*STAFF_ROLES)
def account_detail(request, pk: int):
    account = get_object_or_404(accounts_for(request.user), pk=pk)
    return _detail_with(request, account, status=200)


@staff_view(*STAFF_ROLES)
def post_new(request, pk: int):
    """The form lives on the account's page; a GET (a reloaded URL) shows that page."""
    account = get_object_or_404(accounts_for(request.user), pk=pk)
    if request.method != "POST":
        return _detail_with(request, account, status=200)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post, added = actions.record_post(request.user, account, **form.cleaned_data)
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(
                request, f"已登记“{post.title}”" if added else f"“{post.title}”此前已登记，未重复添加"
            )
            return redirect("newmedia_staff:account", account.pk)
    return _detail_with(request, account, post_form=form)


@staff_view(*STAFF_ROLES)
def post_import(request, pk: int):
    account = get_object_or_404(accounts_for(request.user), pk=pk)
    if request.method != "POST":
        return _detail_with(request, account, status=200)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            added, known = actions.import_posts(
                request.user, account, data=upload.read(), filename=upload.name, mapping=form.mapping()
            )
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(request, f"导入完成：新增{added}条，{known}条此前已有")
            return redirect("newmedia_staff:account", account.pk)
    return _detail_with(request, account, import_form=form)


@staff_view(*STAFF_ROLES)
def feed_fetch(request, pk: int):
    account = get_object_or_404(accounts_for(request.user), pk=pk)
    if request.method != "POST" or not account.feed_url:
        return _detail_with(request, account, status=200 if request.method != "POST" else 400)
    added, error = actions.fetch_account_feed(account, actor=request.user)
    if error:
        flash.error(request, f"抓取失败：{error}")
    else:
        flash.success(request, f"抓取完成：新增{added}条")
    return redirect("newmedia_staff:account", account.pk)


def _detail_with(request, account, status: int = 400, **forms):
    context = {
        "nav": NAV,
        "account": account,
        "posts": account.posts.all()[:20],
        "post_count": account.posts.count(),
        "transitions": ACCOUNTS.available(request.user, account),
        "post_form": PostForm(),
        "import_form": ImportForm(),
        "editable": account.state in (AccountState.ACTIVE, AccountState.PENDING),
        **forms,
    }
    return render(request, "newmedia/wb_account.html", context, status=status)


# ---------------------------------------------------------------- releases


@staff_view(*STAFF_ROLES)
def release_home(request):
    """Recently published pages in scope, each with its release (if any) and a link to release it."""
    rows = []
    released = {
        (r.content_type_id, r.object_id): r
        for r in releases_for(request.user).annotate(
            n_sent=Count("items", filter=Q(items__state=OutboxState.SENT)),
            n_failed=Count("items", filter=Q(items__state=OutboxState.FAILED)),
            n_items=Count("items"),
        )
    }
    from django.contrib.contenttypes.models import ContentType

    agencies = visible_agencies(request.user).values("pk")
    for kind in releasable.kinds():
        content_type = ContentType.objects.get_for_model(kind.model)
        objects = (
            kind.published().filter(agency__in=agencies).select_related("agency").order_by(kind.order_by)[:30]
        )
        for obj in objects:
            rows.append((kind, obj, released.get((content_type.pk, obj.pk)), kind.key))
    rows.sort(key=lambda row: getattr(row[1], "published_at", None) or row[1].pk, reverse=True)
    return render(request, "newmedia/wb_releases.html", {"nav": NAV, "rows": rows[:60]})


def _releasable_or_404(request, key: str, pk: int):
    kind = releasable.kind(key)
    if kind is None:
        raise Http404
    agencies = visible_agencies(request.user).values("pk")
    return kind, get_object_or_404(
        kind.published().filter(agency__in=agencies).select_related("agency"), pk=pk
    )


@staff_view(*STAFF_ROLES)
def release_new(request, key: str, pk: int):
    kind, obj = _releasable_or_404(request, key, pk)
    offered = channels_for(obj.agency)
    from django.contrib.contenttypes.models import ContentType

    release = (
        releases_for(request.user)
        .filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .first()
    )
    done = set(release.items.values_list("channel", flat=True)) if release else set()
    choosable = [c for c in offered if c.key not in done]
    # Every offered channel validates (a resubmitted form finds its channels released, adds nothing);
    # the page offers only those not yet released.
    form = ReleaseForm(
        request.POST if request.method == "POST" else None,
        channels=offered,
        initial={"channels": [c.key for c in choosable]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            release, added = actions.release_to_channels(request.user, obj, form.cleaned_data["channels"])
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            if added:
                flash.success(request, f"已发布到{len(added)}个渠道，各渠道状态见下表")
            else:
                flash.success(request, "所选渠道此前均已发布，未重复发送")
            return redirect("newmedia_staff:release", release.pk)
    return render(
        request,
        "newmedia/wb_release_new.html",
        {
            "nav": NAV,
            "kind": kind,
            "obj": obj,
            "form": form,
            "release": release,
            "choosable": choosable,
            "done": done,
        },
    )


@staff_view(*STAFF_ROLES)
def release_detail(request, pk: int):
    release = get_object_or_404(releases_for(request.user), pk=pk)
    return _release_page(request, release)


def _release_page(request, release):
    items = list(release.items.select_related("account", "account__agency").order_by("pk"))
    return render(
        request,
        "newmedia/wb_release.html",
        {
            "nav": NAV,
            "release": release,
            "items": items,
            "qr": channels.qr_svg(release.url),
            "mark_form": MarkPostedForm(),
            "States": OutboxState,
            "Kinds": ChannelKind,
        },
    )


@staff_view(*STAFF_ROLES)
def item_retry(request, pk: int):
    """POST retries; a GET (a reloaded URL) shows the release's page."""
    item = get_object_or_404(items_for(request.user), pk=pk)
    if request.method != "POST":
        return _release_page(request, item.release)
    try:
        item = actions.retry_item(request.user, item)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        if item.state == OutboxState.SENT:
            flash.success(request, f"{item.channel_label}：推送成功")
        else:
            flash.error(request, f"{item.channel_label}：{item.last_error}")
    return redirect("newmedia_staff:release", item.release_id)


@staff_view(*STAFF_ROLES)
def item_mark_posted(request, pk: int):
    item = get_object_or_404(items_for(request.user), pk=pk)
    if request.method != "POST":
        return _release_page(request, item.release)
    form = MarkPostedForm(request.POST)
    if form.is_valid():
        try:
            actions.mark_posted(request.user, item, remote_url=form.cleaned_data["remote_url"])
        except ActionRefused as exc:
            flash.error(request, exc.message)
        else:
            flash.success(request, f"{item.channel_label}：已登记为已发布")
    else:
        flash.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("newmedia_staff:release", item.release_id)


# ---------------------------------------------------------------- dashboard panel


def dashboard_context(request) -> dict | None:
    from .queries import breach_rows

    rows = breach_rows(request.user)
    active = accounts_for(request.user).filter(state=AccountState.ACTIVE).count()
    if not active:
        return None
    return {"rows": rows, "active": active}


# ---------------------------------------------------------------- portal


@public_page(params=("platform",))
def public_list(request):
    platform = param_choice(request.GET.get("platform"), Platform.values)
    qs = public_accounts().order_by("agency__path", "platform", "name")
    if platform:
        qs = qs.filter(platform=platform)
    groups: dict = {}
    for account in qs:
        groups.setdefault(account.agency, []).append(
            (account, channels.qr_svg(account.page_url) if account.page_url else "")
        )
    return render(
        request,
        "newmedia/public_list.html",
        {"groups": list(groups.items()), "platforms": Platform.choices, "platform": platform},
    )
