"""The audit event types of the data resource catalog."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "opendata.dataset.create": _("新建数据集"),
    "opendata.dataset.update": _("修改数据集"),
    "opendata.dataset.fields": _("修改数据集字段"),
    "opendata.dataset.submit": _("提交数据集审核"),
    "opendata.dataset.approve": _("审核通过数据集"),
    "opendata.dataset.publish": _("保密审查通过并发布数据集"),
    "opendata.dataset.return": _("退回数据集修改"),
    "opendata.dataset.revise": _("撤回已发布数据集修订"),
    "opendata.resource.upload": _("上传数据资源"),
    "opendata.resource.mask": _("屏蔽数据资源中的个人信息"),
    "opendata.resource.decide": _("决定公开含筛查结果的数据资源"),
}
