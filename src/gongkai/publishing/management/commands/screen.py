"""gongkai screen FILE --json: print the screening findings of FILE (personal data, marks, words)."""

from __future__ import annotations

import json as jsonlib
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from gongkai.ingest import screening
from gongkai.ingest.readers import UnreadableFile, read_file
from gongkai.publishing.actions import forbidden_words
from gongkai.publishing.importing import max_bytes


class Command(BaseCommand):
    help = "筛查文件中的个人信息、密级标志和禁用词并输出，不保存。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, file, json: bool = False, **options):
        try:
            text = read_file(file, file, max_bytes=max_bytes()).text
        except UnreadableFile as exc:
            raise CommandError(f"{file}：{exc}") from None
        try:
            words = forbidden_words() or list(screening.DEFAULT_FORBIDDEN_WORDS)
        except Exception:  # no database yet: the shipped list
            words = list(screening.DEFAULT_FORBIDDEN_WORDS)
        findings = screening.screen(text, words)
        if json:
            self.stdout.write(jsonlib.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
            return
        for f in findings:
            self.stdout.write(f"{f.start}-{f.end}\t{f.kind}\t{f.text}\t→ {f.suggestion}")
        self.stdout.write(f"共 {len(findings)} 项")
