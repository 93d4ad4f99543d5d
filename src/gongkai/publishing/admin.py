"""System administrators maintain the subject tree, columns, topics, the forbidden list, review
policies and experts here; every save runs the catalog action that the workbench and commands use.

Documents are not edited in the admin: they are written through the workbench and its actions.
"""

from django import forms
from django.contrib import admin

from gongkai.common.admin import ActionAdmin

from .models import Column, Expert, ForbiddenWord, PublishingPolicy, Subject, Topic


class SubjectForm(forms.ModelForm):
    class Meta:
        model = Subject
        fields = ["name", "parent", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Subject.objects.filter(parent=None)


@admin.register(Subject)
class SubjectAdmin(ActionAdmin):
    form = SubjectForm
    create_action = "gongkai.publishing.actions.create_subject"
    update_action = "gongkai.publishing.actions.update_subject"
    list_display = ["name", "parent", "sort_order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name"]


@admin.register(Column)
class ColumnAdmin(ActionAdmin):
    create_action = "gongkai.publishing.actions.create_column"
    update_action = "gongkai.publishing.actions.update_column"
    fields = ["name", "slug", "update_class", "is_key_area", "sort_order"]
    list_display = ["name", "slug", "update_class", "is_key_area", "sort_order"]
    list_filter = ["update_class", "is_key_area"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(ActionAdmin):
    create_action = "gongkai.publishing.actions.create_topic"
    update_action = "gongkai.publishing.actions.update_topic"
    fields = ["name", "slug"]
    list_display = ["name", "slug"]


@admin.register(ForbiddenWord)
class ForbiddenWordAdmin(ActionAdmin):
    create_action = "gongkai.publishing.actions.add_forbidden_word"
    update_action = "gongkai.publishing.actions.update_forbidden_word"
    delete_action = "gongkai.publishing.actions.remove_forbidden_word"
    fields = ["word", "is_active"]
    list_display = ["word", "is_active", "added_at"]
    list_filter = ["is_active"]
    search_fields = ["word"]

    @admin.display(description="加入时间", ordering="created_at")
    def added_at(self, obj):
        return obj.created_at


@admin.register(PublishingPolicy)
class PublishingPolicyAdmin(ActionAdmin):
    create_action = update_action = "gongkai.publishing.actions.set_publishing_policy"
    fields = [
        "agency",
        "check_on",
        "review_on",
        "sign_off_on",
        "allow_same_person",
        "publish_via",
        "index_pattern",
    ]
    list_display = ["agency", "check_on", "review_on", "sign_off_on", "allow_same_person", "publish_via"]
    list_select_related = ["agency", "publish_via"]

    def get_readonly_fields(self, request, obj=None):
        return ["agency"] if obj is not None else []

    def create_with(self, action, request, form):
        data = dict(form.cleaned_data)
        return action(request.user, data.pop("agency"), **data)

    def update_with(self, action, request, obj, form):
        return action(request.user, obj.agency, **form.cleaned_data)


@admin.register(Expert)
class ExpertAdmin(ActionAdmin):
    create_action = "gongkai.publishing.actions.create_expert"
    update_action = "gongkai.publishing.actions.update_expert"
    fields = ["agency", "name", "field", "affiliation"]
    list_display = ["name", "field", "agency", "affiliation"]
    list_select_related = ["agency"]
    search_fields = ["name", "field"]

    def get_readonly_fields(self, request, obj=None):
        return ["agency"] if obj is not None else []
