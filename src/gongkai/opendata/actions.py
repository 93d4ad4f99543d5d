"""Every write of the data resource catalog: atomic, checked, audited.

A clerk of the providing agency makes a dataset (`create_dataset`), describes it
(`update_dataset`, `set_fields`) and uploads its resource files (`add_resource`, `upload_version`):
each upload is read, checked and screened whole (`opendata.ingest`) and kept as a new version, or
refused with every problem and nothing stored. A version whose screening found personal data blocks
submission until a new version masks the column (`mask_column`) or a reviewer records a decision to
publish it as it is (`decide_screening`). The review runs on the workflow table (`workflow.py`).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.inputs import checked_text

from . import ingest
from .models import Dataset, DatasetState, Field, FieldType, Openness, Resource, ResourceVersion, Screening
from .rules import PREPARERS, decides, own_agency, prepares
from .workflow import DATASETS

DATASET_FIELDS = [
    "title", "summary", "theme", "industry", "frequency", "openness", "openness_reason", "licence",
    "contact", "state", "return_reason",
]  # fmt: skip
VERSION_FIELDS = ["number", "filename", "format", "encoding", "size", "row_count", "screening", "note"]
FIELD_NAME_MAX = 60


def _audit(actor, obj, event: str, agency: Agency, before: dict | None, after: dict | None, note: str = ""):
    record_audit(
        actor=actor,
        action=f"opendata.{event}",
        target=obj,
        agency=agency,
        before=before,
        after=after,
        note=note,
    )


def _lock(dataset: Dataset) -> Dataset:
    return Dataset.objects.select_for_update(of=("self",)).select_related("agency").get(pk=dataset.pk)


def _text(value, what: str, field: str, *, limit: int, required: bool = False) -> str:
    return checked_text(value, what, field, limit=limit, required=required)


def _check_prepares(actor, dataset: Dataset) -> None:
    if actor is None or prepares(actor, dataset):
        return
    if not own_agency(actor, dataset):
        raise ActionRefused(f"只有{dataset.agency}的工作人员可以修改该数据集")
    if dataset.state != DatasetState.DRAFT:
        raise ActionRefused(f"数据集当前状态为“{dataset.get_state_display()}”，只有草稿可以修改")
    raise ActionRefused("修改数据集需要以下角色之一：信息公开工作人员")


def _meta(data: dict) -> dict:
    from .classification import FREQUENCIES, INDUSTRIES, THEMES

    meta = {
        "title": _text(data.get("title"), "数据集名称", "title", limit=200, required=True),
        "summary": _text(data.get("summary"), "摘要", "summary", limit=2000, required=True),
        "theme": _text(data.get("theme"), "主题分类", "theme", limit=40, required=True),
        "industry": _text(data.get("industry"), "行业分类", "industry", limit=40),
        "frequency": _text(data.get("frequency"), "更新频率", "frequency", limit=20, required=True),
        "openness": data.get("openness") or Openness.OPEN,
        "openness_reason": _text(data.get("openness_reason"), "理由", "openness_reason", limit=2000),
        "licence": _text(data.get("licence"), "开放许可", "licence", limit=100),
        "contact": _text(data.get("contact"), "联系方式", "contact", limit=100),
    }
    if meta["theme"] not in THEMES:
        raise ActionRefused("请从列表中选择主题分类", field="theme")
    if meta["industry"] and meta["industry"] not in INDUSTRIES:
        raise ActionRefused("请从列表中选择行业分类", field="industry")
    if meta["frequency"] not in FREQUENCIES:
        raise ActionRefused("请从列表中选择更新频率", field="frequency")
    if meta["openness"] not in Openness.values:
        raise ActionRefused("请选择开放属性", field="openness")
    if meta["openness"] != Openness.OPEN and not meta["openness_reason"]:
        raise ActionRefused("有条件开放或不予开放的数据集须说明理由", field="openness_reason")
    return meta


def _documents(actor, dataset: Dataset, ids) -> None:
    if ids is None:
        return
    from gongkai.publishing.queries import citable_documents

    allowed = set(citable_documents(actor, limit=None).filter(pk__in=list(ids)).values_list("pk", flat=True))
    if set(ids) - allowed:
        raise ActionRefused("所选的政府信息不存在或未公开", field="documents")
    dataset.documents.set(sorted(allowed))


@transaction.atomic
def create_dataset(actor, *, agency: Agency, documents=None, **data) -> Dataset:
    """A new draft dataset of `agency`, described by its clerk."""
    if actor is not None and not actor.is_superuser:
        if not actor.has_role(*PREPARERS):
            raise ActionRefused("新建数据集需要以下角色之一：信息公开工作人员")
        if actor.agency_id != agency.pk:
            raise ActionRefused(f"您只能为{actor.agency}新建数据集", field="agency")
    dataset = Dataset.objects.create(agency=agency, created_by=actor, **_meta(data))
    _documents(actor, dataset, documents)
    _audit(actor, dataset, "dataset.create", agency, None, snapshot(dataset, DATASET_FIELDS))
    return dataset


@transaction.atomic
def update_dataset(actor, dataset: Dataset, *, documents=None, **data) -> Dataset:
    dataset = _lock(dataset)
    _check_prepares(actor, dataset)
    before = snapshot(dataset, DATASET_FIELDS)
    for key, value in _meta(data).items():
        setattr(dataset, key, value)
    dataset.updated_at = timezone.now()
    dataset.save()
    _documents(actor, dataset, documents)
    _audit(actor, dataset, "dataset.update", dataset.agency, before, snapshot(dataset, DATASET_FIELDS))
    return dataset


def parse_fields(text: str) -> list[dict]:
    """The field list as typed, one field a line: 字段名|中文名称|类型|计量单位 (type and unit optional).
    Every bad line is reported at once."""
    labels = {str(label): value for value, label in FieldType.choices} | {v: v for v in FieldType.values}
    fields, problems, seen = [], [], set()
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        parts += [""] * (4 - len(parts))
        name, label, kind, unit = parts[:4]
        if not name:
            problems.append(f"第{number}行缺少字段名")
            continue
        if len(name) > FIELD_NAME_MAX or len(label) > FIELD_NAME_MAX or len(unit) > 20:
            problems.append(f"第{number}行过长（字段名、中文名称不超过{FIELD_NAME_MAX}字，单位不超过20字）")
            continue
        if name in seen:
            problems.append(f"第{number}行字段名“{name}”重复")
            continue
        if (kind or "文本") not in labels:
            problems.append(
                f"第{number}行类型“{kind}”无效，可用：{'、'.join(str(lb) for _, lb in FieldType.choices)}"
            )
            continue
        seen.add(name)
        fields.append({"name": name, "label": label or name, "type": labels[kind or "文本"], "unit": unit})
    if problems:
        raise ActionRefused("；".join(problems), field="fields")
    if not fields:
        raise ActionRefused("请至少填写一个字段", field="fields")
    return fields


@transaction.atomic
def set_fields(actor, dataset: Dataset, fields: list[dict]) -> Dataset:
    """Replace the field list (resources uploaded before must then be uploaded again)."""
    dataset = _lock(dataset)
    _check_prepares(actor, dataset)
    before = {"fields": dataset.schema()}
    dataset.fields.all().delete()
    Field.objects.bulk_create(
        Field(
            dataset=dataset,
            position=i,
            name=f["name"],
            label=f["label"],
            type=f["type"],
            unit=f.get("unit", ""),
        )
        for i, f in enumerate(fields, start=1)
    )
    dataset.updated_at = timezone.now()
    dataset.save(update_fields=["updated_at"])
    _audit(actor, dataset, "dataset.fields", dataset.agency, before, {"fields": dataset.schema()})
    return dataset


# --- resources --------------------------------------------------------------------------------------


def check_size(size: int) -> None:
    limit = settings.GONGKAI_OPENDATA_MAX_UPLOAD_MB
    if size > limit * 1024 * 1024:
        raise ingest.IngestError(
            "too_large", [f"文件大小为{size / 1024 / 1024:.0f} MB，超过了{limit} MB的上限，请拆分后分别上传"]
        )


def _store_version(
    actor, resource: Resource, data: bytes, filename: str, *, note: str = ""
) -> ResourceVersion:
    check_size(len(data))
    dataset = resource.dataset
    schema = dataset.schema()
    name = f"{uuid.uuid4().hex}.parquet"
    result = ingest.ingest(data, filename, schema, settings.GONGKAI_OPENDATA_DIR / name)
    number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ResourceVersion(
        resource=resource,
        number=number,
        filename=filename[-200:],
        format=result.format,
        encoding=result.encoding,
        size=len(data),
        row_count=result.row_count,
        schema=schema,
        parquet=name,
        findings=result.findings,
        formulas=result.formulas,
        screening=Screening.BLOCKED if result.findings else Screening.CLEAR,
        note=note,
        uploaded_by=actor,
    )
    version.file.save(filename[-100:], ContentFile(data), save=False)
    version.save()
    dataset.updated_at = timezone.now()
    dataset.save(update_fields=["updated_at"])
    _audit(actor, version, "resource.upload", dataset.agency, None, snapshot(version, VERSION_FIELDS))
    return version


@transaction.atomic
def add_resource(actor, dataset: Dataset, *, title: Any, data: bytes, filename: str) -> ResourceVersion:
    """A new resource of `dataset` with its first version; refused whole if the file is."""
    dataset = _lock(dataset)
    _check_prepares(actor, dataset)
    title = _text(title, "资源名称", "title", limit=200) or filename.rsplit(".", 1)[0][:200]
    resource = Resource.objects.create(dataset=dataset, title=title)
    return _store_version(actor, resource, data, filename)


@transaction.atomic
def upload_version(
    actor, resource: Resource, *, data: bytes, filename: str, note: Any = ""
) -> ResourceVersion:
    _check_prepares(actor, _lock(resource.dataset))
    return _store_version(actor, resource, data, filename, note=_text(note, "版本说明", "note", limit=200))


@transaction.atomic
def mask_column(actor, version: ResourceVersion, *, column: str) -> ResourceVersion:
    """A new version with the personal data of one text column masked (110105********002X)."""
    resource = version.resource
    dataset = _lock(resource.dataset)
    _check_prepares(actor, dataset)
    index = next((i for i, f in enumerate(version.schema) if f["name"] == column), None)
    if index is None:
        raise ActionRefused(f"版本中没有字段“{column}”")
    name = f"{uuid.uuid4().hex}.parquet"
    ingest.masked_copy(version.path(), version.schema, index, settings.GONGKAI_OPENDATA_DIR / name)
    findings = [f for f in version.findings if f["column"] != column]
    label = version.schema[index]["label"]
    masked = ResourceVersion.objects.create(
        resource=resource,
        number=(resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        filename=version.filename,
        format=version.format,
        encoding=version.encoding,
        size=version.size,
        row_count=version.row_count,
        schema=version.schema,
        parquet=name,
        findings=findings,
        formulas=version.formulas,
        screening=Screening.BLOCKED if findings else Screening.CLEAR,
        note=f"由第{version.number}版屏蔽“{label}”列的个人信息",
        derived_from=version,
        uploaded_by=actor,
    )
    _audit(actor, masked, "resource.mask", dataset.agency, None, snapshot(masked, VERSION_FIELDS), note=label)
    return masked


@transaction.atomic
def decide_screening(actor, version: ResourceVersion, *, reason: Any) -> ResourceVersion:
    """A reviewer's recorded decision that what the screening found may be published (e.g. the
    office phones of schools)."""
    version = (
        ResourceVersion.objects.select_for_update(of=("self",))
        .select_related("resource__dataset__agency")
        .get(pk=version.pk)
    )
    dataset = version.resource.dataset
    if actor is not None and not decides(actor, dataset):
        raise ActionRefused("决定公开筛查结果需要本单位以下角色之一：审核人、审发人、保密审查员")
    if version.screening != Screening.BLOCKED:
        raise ActionRefused("该版本没有待处理的筛查结果")
    reason = _text(reason, "决定理由", "reason", limit=1000, required=True)
    before = snapshot(version, VERSION_FIELDS)
    version.screening = Screening.ACCEPTED
    version.decided_by, version.decided_at, version.decision_reason = actor, timezone.now(), reason
    version.save(update_fields=["screening", "decided_by", "decided_at", "decision_reason"])
    _audit(
        actor,
        version,
        "resource.decide",
        dataset.agency,
        before,
        snapshot(version, VERSION_FIELDS),
        note=reason,
    )
    return version


# --- the review -------------------------------------------------------------------------------------


def release_problems(dataset: Dataset) -> list[str]:
    """What keeps `dataset` from being submitted (and released); empty when nothing does."""
    problems = []
    schema = dataset.schema()
    if not schema:
        problems.append("请先填写字段列表")
    if dataset.openness != Openness.OPEN and not dataset.openness_reason.strip():
        problems.append("有条件开放或不予开放的数据集须说明理由")
    if dataset.openness == Openness.CLOSED:
        return problems
    resources = list(dataset.resources.all())
    if not resources:
        problems.append("请至少上传一个数据资源")
    for resource in resources:
        latest = resource.latest_version()
        if latest is None:
            problems.append(f"资源“{resource.title}”还没有上传文件")
        elif latest.schema != schema:
            problems.append(f"资源“{resource.title}”的字段与当前字段列表不一致，请重新上传")
        elif latest.blocked:
            kinds = "、".join(sorted({f"{f['label']}（{f['kind_label']}）" for f in latest.findings}))
            problems.append(
                f"资源“{resource.title}”第{latest.number}版发现个人信息：{kinds}，"
                "请屏蔽该列生成新版本，或由审核人决定公开后再提交"
            )
    return problems


def _move(actor, dataset: Dataset, action: str, *, reason: str = "") -> Dataset:
    dataset = _lock(dataset)
    transition = DATASETS.check(actor, dataset, action)
    before = snapshot(dataset, DATASET_FIELDS)
    dataset.state = DATASETS.target(dataset, transition)
    dataset.return_reason = reason if action == "return" else ""
    dataset.updated_at = timezone.now()
    if action == "publish":
        problems = release_problems(dataset)
        if problems:
            raise ActionRefused("；".join(problems))
        dataset.published_at = timezone.now()
        for resource in dataset.resources.all():
            resource.published_version = resource.latest_version()
            resource.save(update_fields=["published_version"])
    dataset.save()
    _audit(
        actor,
        dataset,
        f"dataset.{action}",
        dataset.agency,
        before,
        snapshot(dataset, DATASET_FIELDS),
        note=reason,
    )
    return dataset


@transaction.atomic
def submit_dataset(actor, dataset: Dataset) -> Dataset:
    return _move(actor, dataset, "submit")


@transaction.atomic
def approve_dataset(actor, dataset: Dataset) -> Dataset:
    return _move(actor, dataset, "approve")


@transaction.atomic
def publish_dataset(actor, dataset: Dataset) -> Dataset:
    """保密审查 passed: the dataset and the latest version of each resource go on the portal."""
    return _move(actor, dataset, "publish")


@transaction.atomic
def return_dataset(actor, dataset: Dataset, *, reason: str) -> Dataset:
    return _move(
        actor, dataset, "return", reason=_text(reason, "退回理由", "reason", limit=1000, required=True)
    )


@transaction.atomic
def revise_dataset(actor, dataset: Dataset, *, reason: str) -> Dataset:
    """A published dataset back to draft for a change; it leaves the portal until released again."""
    return _move(actor, dataset, "revise", reason=_text(reason, "理由", "reason", limit=1000, required=True))
