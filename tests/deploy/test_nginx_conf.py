"""deploy/nginx.conf is a configuration nginx accepts (`nginx -t`), with what the README promises."""

import pwd
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)

needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx 未安装（bin/test 以 root 运行时会安装）")


def test_certificate(tmp_path) -> tuple[Path, Path]:
    """A self-signed certificate for the host name of the configuration."""
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=gk.example.gov.cn",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def localised(tmp_path: Path, text: str) -> Path:
    """The configuration with the machine paths moved into tmp_path (certificates made here)."""
    cert, key = test_certificate(tmp_path)
    for folder in ("log", "static", "media", "acme", "cache"):
        (tmp_path / folder).mkdir()
    text = (
        text.replace("/etc/ssl/gongkai/fullchain.pem", str(cert))
        .replace("/etc/ssl/gongkai/privkey.pem", str(key))
        .replace("/var/log/nginx/", f"{tmp_path}/log/")
        .replace("/run/nginx.pid", f"{tmp_path}/nginx.pid")
        .replace("/srv/gongkai/static/", f"{tmp_path}/static/")
        .replace("/srv/gongkai/media/", f"{tmp_path}/media/")
        .replace("/var/www/acme", f"{tmp_path}/acme")
    )
    try:
        pwd.getpwnam("www-data")
    except KeyError:
        text = text.replace("user www-data;", "")
    conf = tmp_path / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    # The included microcache of published pages, beside it as installed, its cache folder moved here too.
    pages = (CONF.parent / "published-pages.conf").read_text(encoding="utf-8")
    (tmp_path / "published-pages.conf").write_text(
        pages.replace("/var/cache/nginx/", f"{tmp_path}/cache/"), encoding="utf-8"
    )
    return conf


test_certificate.__test__ = False  # a helper, not a test


@needs_nginx
def test_nginx_accepts_the_configuration(tmp_path):
    conf = localised(tmp_path, CONF.read_text(encoding="utf-8"))
    result = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "log" / "startup.log")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


@needs_nginx
def test_nginx_t_would_catch_a_broken_configuration(tmp_path):
    """The check above can fail: the same file with one directive misspelt is refused."""
    text = CONF.read_text(encoding="utf-8").replace("client_max_body_size 55m;", "client_max_body_sise 55m;")
    conf = localised(tmp_path, text)
    result = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "log" / "startup.log")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert 'unknown directive "client_max_body_sise"' in result.stderr


def test_the_configuration_has_what_a_deployment_needs():
    text = CONF.read_text(encoding="utf-8")
    directives = {
        "TLS": "ssl_certificate ",
        "HTTP to HTTPS": "return 301 https://$host$request_uri;",
        "static files": "location /static/",
        "stored files only through the app": "internal;",
        "several app servers": "upstream gongkai_app",
        "client address for the app": "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "scheme for the app": "proxy_set_header X-Forwarded-Proto $scheme;",
        "HSTS": "Strict-Transport-Security",
        "upload limit": "client_max_body_size",
        "caching of static files": "expires 1y;",
    }
    missing = [name for name, needle in directives.items() if needle not in text]
    assert missing == []
    assert len(re.findall(r"^\s*server 10\.\d+\.\d+\.\d+:8000", text, re.M)) >= 2
    # The block where the cache of published pages goes, exactly once, in the http block.
    assert text.count("# BEGIN published pages") == 1 and text.count("# END published pages") == 1
    block = text[text.index("# BEGIN published pages") : text.index("# END published pages")]
    assert "include published-pages.conf;" in block
    # The media directory is never a public location (applicants' files live there).
    assert re.search(r"location /media/", text) is None
