# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""deploy/nginx.conf in front of an app server, as deployed: TLS, the redirect, headers, static files, and
downloads authorised by the app but sent by nginx from the shared store (X-Accel-Redirect)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from gongkai.publishing import actions
from tests.deploy.conftest import forget_keys, use_shared_caches
from tests.deploy.test_nginx_conf import CONF, NGINX, localised
from tests.deploy.test_two_servers import PDF, Visitor, free_port, server_env, start_server, wait_until_up
from tests.publishing.builders import draft, review_all, team  # noqa: F401

ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not ON_POSTGRESQL, reason="多台服务器的部署只用 PostgreSQL（SQLite 只供单机）"),
    pytest.mark.skipif(NGINX is None, reason="nginx 未安装（bin/test 以 root 运行时会安装）"),
]
HOST = "gk.example.gov.cn"
STATIC = Path(__file__).resolve().parents[2] / "src/gongkai/common/static/gongkai/site.css"


def nginx_conf(tmp_path: Path, app_port: int, http_port: int, https_port: int) -> Path:
    """deploy/nginx.conf as it stands, with this machine's ports, paths and the one app server."""
    text = CONF.read_text(encoding="utf-8")
    upstream = [line for line in text.splitlines() if line.strip().startswith("server 10.0.1.")]
    text = text.replace(upstream[0], f"        server 127.0.0.1:{app_port};")
    for line in upstream[1:]:
        text = text.replace(line + "\n", "")
    text = (
        text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        .replace("listen [::]:80;\n", "")
        .replace("listen [::]:443 ssl http2;\n", "")
    )
    if os.geteuid() == 0:  # nginx's workers must read pytest's private temporary folders
        text = text.replace("user www-data;", "user root;")
    return localised(tmp_path, text)


@pytest.fixture(scope="module")
def front(django_db_setup, redis_url, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("behind-nginx")
    prefix = f"gktest-{uuid.uuid4().hex[:12]}"
    env = server_env(tmp_path, redis_url, prefix)
    env.update(
        GONGKAI_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        GONGKAI_TRUSTED_PROXIES="127.0.0.1",
        GONGKAI_ACCEL_REDIRECT="1",
        GONGKAI_MEDIA_ROOT=str(tmp_path / "media"),  # nginx's /_stored/ is this folder
    )
    app_port, app = start_server("c", tmp_path, env)
    http_port, https_port = free_port(), free_port()
    conf = nginx_conf(tmp_path, app_port, http_port, https_port)
    (tmp_path / "static" / "gongkai").mkdir(parents=True)
    shutil.copy(STATIC, tmp_path / "static" / "gongkai" / "site.css")  # as collectstatic puts it
    nginx = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "log" / "startup.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_until_up(app_port, app, tmp_path / "gunicorn-c.log")
        deadline = time.monotonic() + 20
        while True:
            try:
                Visitor(host=HOST, tls=True).get(https_port, "/static/gongkai/site.css")
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    log = tmp_path / "log" / "error.log"
                    pytest.fail(f"nginx 未启动：{log.read_text() if log.exists() else ''}")
                time.sleep(0.2)
        yield {"http": http_port, "https": https_port, "media": tmp_path / "media", "env": env}
    finally:
        for proc in (nginx, app):
            proc.terminate()
        for proc in (nginx, app):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        forget_keys(redis_url, prefix)


@pytest.fixture
def site(front, team, settings, redis_url):
    use_shared_caches(settings, redis_url, front["env"]["GONGKAI_CACHE_PREFIX"])
    settings.MEDIA_ROOT = front["media"]
    yield front
    connection.close()


def test_http_moves_to_https_and_every_response_carries_the_security_headers_once(site):
    moved = Visitor(host=HOST).get(site["http"], "/catalog/?page=2")
    assert moved.status == 301 and moved.headers["Location"] == f"https://{HOST}/catalog/?page=2"
    page = Visitor(host=HOST, tls=True).get(site["https"], "/catalog/")
    assert page.status == 200 and "公开目录" in page.text
    assert page.headers.get_all("Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
    assert page.headers.get_all("X-Frame-Options") == ["DENY"]
    assert "Content-Security-Policy" in page.headers  # the app's, with its nonce
    assert "nginx/" not in (page.headers["Server"] or "")  # server_tokens off


def test_static_files_come_from_nginx_with_a_year_of_caching(site):
    css = Visitor(host=HOST, tls=True).get(site["https"], "/static/gongkai/site.css")
    assert css.status == 200 and css.body == STATIC.read_bytes()
    assert css.headers["Cache-Control"] == "max-age=31536000"
    assert css.headers["X-Content-Type-Options"] == "nosniff"


def test_a_download_is_authorised_by_the_app_and_sent_by_nginx(site, team):
    doc = draft(team.clerk, title="示范县财政局关于预算公开表的通知")
    item = actions.add_attachment(team.clerk, doc, name="预算公开表.pdf", data=PDF)
    unpublished = Visitor(host=HOST, tls=True).get(site["https"], f"/attachments/{item.pk}/")
    assert unpublished.status == 404
    actions.publish_document(team.clerk, review_all(doc, team))
    download = Visitor(host=HOST, tls=True).get(site["https"], f"/attachments/{item.pk}/")
    assert download.status == 200 and download.body == PDF
    assert "X-Accel-Redirect" not in download.headers
    assert "attachment;" in download.headers["Content-Disposition"]
    # The store itself is no public directory.
    direct = Visitor(host=HOST, tls=True).get(site["https"], "/_stored/" + quote(item.file.name))
    assert direct.status == 404


def test_a_file_over_the_limit_gets_the_chinese_page(site):
    citizen = Visitor(host=HOST, tls=True)
    too_big = citizen.post(site["https"], "/applications/apply/", data={"x": "0" * (56 * 1024 * 1024)})
    assert too_big.status == 413 and "上传的文件过大" in too_big.text


def test_published_pages_are_kept_by_nginx_for_two_seconds(site):
    citizen = Visitor(host=HOST, tls=True)
    citizen.get(site["https"], "/catalog/?page=1")
    again = citizen.get(site["https"], "/catalog/?page=1")
    assert again.status == 200 and "公开目录" in again.text
    assert again.headers["X-Gongkai-Cache"] in ("hit", "miss")  # the app's page cache said it is published
    status = Visitor(host=HOST, tls=True).get(site["https"], "/applications/status/")
    assert status.status == 200 and "X-Gongkai-Cache" not in status.headers  # a form: never kept
