"""System administrators maintain the subject tree, columns, topics and the forbidden list here.

Documents are not edited in the admin: they are written through the workbench and its actions.
"""

from django.contrib import admin

from .models import Column, Expert, ForbiddenWord, PublishingPolicy, Subject, Topic


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "sort_order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "update_class", "is_key_area", "sort_order"]
    list_filter = ["update_class", "is_key_area"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(ForbiddenWord)
class ForbiddenWordAdmin(admin.ModelAdmin):
    list_display = ["word", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["word"]


@admin.register(PublishingPolicy)
class PublishingPolicyAdmin(admin.ModelAdmin):
    list_display = ["agency", "check_on", "review_on", "sign_off_on", "allow_same_person", "publish_via"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "field", "agency", "affiliation"]
    search_fields = ["name", "field"]
