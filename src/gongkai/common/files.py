"""Stored files going out to the person a view has decided may have them.

Every stored file (attachments, applicants' files, notices) goes through a view; the store is never a
public directory. Behind nginx (deploy/nginx.conf) with GONGKAI_ACCEL_REDIRECT=1 the view answers with
`X-Accel-Redirect: /_stored/<name>` and nginx sends the bytes from the shared store, so a slow download
of a 100 MB attachment does not hold an app worker. Otherwise, and always for an object store, the app
streams the file through Django's storage API.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

ACCEL_PREFIX = "/_stored/"  # the `internal` location of deploy/nginx.conf


def stored_file_response(
    fieldfile, *, filename: str, content_type: str | None = None, inline: bool = False
) -> HttpResponse:
    """`fieldfile` (a FileField's value) as a download named `filename`; `inline` for a file the page
    itself shows (an image, an HTML5 audio or video player)."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if settings.GONGKAI_ACCEL_REDIRECT and isinstance(fieldfile.storage, FileSystemStorage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = ACCEL_PREFIX + quote(fieldfile.name)
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
        return response
    return FileResponse(
        fieldfile.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
