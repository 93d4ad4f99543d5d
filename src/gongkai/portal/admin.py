"""System administrators manage the 网站群 here; saves go through the portal actions."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from gongkai.common import registry
from gongkai.common.admin import ActionAdmin

from .models import Site


def _block_help() -> str:
    labels = "、".join(str(block.label) for block in registry.portal_blocks())
    return f"每行一个版块，按显示顺序排列；留空则显示全部默认版块。可用的版块：{labels}"


class SiteForm(forms.ModelForm):
    hosts_text = forms.CharField(
        label="域名",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个域名，如 www.example.gov.cn（不带协议头和端口）；默认网站可以不填",
    )
    blocks_text = forms.CharField(label="首页版块", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    columns = forms.MultipleChoiceField(
        label="显示的栏目",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="公开目录和首页显示的栏目；都不选则显示全部栏目",
    )

    class Meta:
        model = Site
        fields = [
            "name",
            "code",
            "agency",
            "include_subagencies",
            "organizer",
            "operator",
            "icp",
            "psr",
            "logo",
            "is_default",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blocks_text"].help_text = _block_help()
        self.fields["columns"].choices = registry.site_columns()
        if self.instance.pk:
            self.fields["columns"].initial = self.instance.columns
            self.fields["hosts_text"].initial = "\n".join(self.instance.hosts.values_list("host", flat=True))
            labels = {block.key: block.label for block in registry.portal_blocks()}
            self.fields["blocks_text"].initial = "\n".join(
                str(labels.get(key, key)) for key in self.instance.home_blocks
            )

    def clean_blocks_text(self) -> list[str]:
        by_label = {str(block.label): block.key for block in registry.portal_blocks()}
        keys, unknown = [], []
        for line in self.cleaned_data["blocks_text"].splitlines():
            label = line.strip()
            if label:
                (keys if label in by_label else unknown).append(by_label.get(label, label))
        if unknown:
            raise forms.ValidationError(f"没有这些首页版块：{'、'.join(unknown)}")
        return keys


@admin.register(Site)
class SiteAdmin(ActionAdmin):
    form = SiteForm
    create_action = "gongkai.portal.actions.create_site"
    update_action = "gongkai.portal.actions.update_site"
    list_display = ["name", "code", "agency", "host_names", "is_default"]
    list_select_related = ["agency"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("hosts")

    @admin.display(description="域名")
    def host_names(self, obj: Site) -> str:
        return "，".join(h.host for h in obj.hosts.all()) or "（系统设置中的域名）"

    def action_kwargs(self, request, form, obj=None) -> dict:
        data = dict(form.cleaned_data)
        data["hosts"] = data.pop("hosts_text", "").replace("，", "\n").replace(",", "\n").split()
        data["home_blocks"] = data.pop("blocks_text")
        logo = data.pop("logo", None)
        if isinstance(logo, UploadedFile):
            data["logo"] = logo
        elif logo is False and obj is not None:
            data["logo"] = False  # "清除" ticked
        return data
