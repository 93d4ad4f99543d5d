"""gongkai extract FILE --json: print what the importer recognises in FILE, without saving."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.ingest.readers import UnreadableFile
from gongkai.publishing.importing import read_and_extract

KEYS = [
    "title", "doc_number", "issuers", "written_on", "addressees", "note", "disclosure", "genre",
    "secrecy", "urgency", "attachments", "forwarded", "warnings", "confidence",
]  # fmt: skip
FORWARDED_KEYS = ["title", "doc_number", "issuers", "written_on"]


def extraction_json(ex) -> dict:
    data = ex.to_dict()
    out = {key: data[key] for key in KEYS}
    out["forwarded"] = [{key: inner[key] for key in FORWARDED_KEYS} for inner in data["forwarded"]]
    return out


class Command(BaseCommand):
    help = "识别文件中的公文要素（标题、文号、发文机关、成文日期等）并输出，不保存。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, file, json: bool = False, **options):
        try:
            _, ex = read_and_extract(file, file)
        except UnreadableFile as exc:
            raise CommandError(f"{file}：{exc}") from None
        data = extraction_json(ex)
        if json:
            self.stdout.write(_dumps(data))
            return
        for key, value in data.items():
            self.stdout.write(f"{key}: {value}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
