"""Production needs the audit key; `check --deploy` names what a secure installation still lacks."""

import pytest

from tests.common.test_settings import run_check

AUDIT_KEY = "YW5vdGhlci1zZWNyZXQta2V5LWZvci10aGUtYXVkaXQtY2hhaW4="
DATA_KEY = "cXVpdGUtYS1zZWNyZXQta2V5LWZvci10ZXN0cy0xMjM0NTY="


@pytest.fixture
def production(tmp_path):
    return {
        "GONGKAI_DEBUG": "0",
        "GONGKAI_SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a39281706f5e4d3c2b1a0zyxwvuts",
        "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn",
        "GONGKAI_DATA_KEY": DATA_KEY,
        "GONGKAI_VAR_DIR": str(tmp_path),
    }


def test_production_refuses_to_start_without_an_audit_key(production):
    result = run_check(production)
    assert result.returncode != 0 and "GONGKAI_AUDIT_KEY must be set" in result.stderr


def test_the_audit_key_can_come_from_a_file(production, tmp_path):
    key_file = tmp_path / "audit.key"
    key_file.write_text(AUDIT_KEY + "\n")
    env = production | {"GONGKAI_AUDIT_KEY_FILE": str(key_file)}
    result = run_check(env, "--deploy")
    assert result.returncode == 0, result.stderr
    missing = run_check(production | {"GONGKAI_AUDIT_KEY_FILE": str(tmp_path / "nope")})
    assert missing.returncode != 0 and "GONGKAI_AUDIT_KEY_FILE cannot be read" in missing.stderr


def test_a_short_audit_key_is_refused(production):
    result = run_check(production | {"GONGKAI_AUDIT_KEY": "short"})
    assert result.returncode != 0 and "GONGKAI_AUDIT_KEY must be at least 32 characters" in result.stderr


def test_deploy_check_names_missing_redis_and_proxies_and_a_reused_key(production):
    result = run_check(production | {"GONGKAI_AUDIT_KEY": DATA_KEY}, "--deploy")
    out = result.stdout + result.stderr
    assert "gongkai.W001" in out and "必须配置 REDIS_URL" in out
    assert "gongkai.W002" in out and "GONGKAI_TRUSTED_PROXIES" in out
    assert "gongkai.E001" in out and result.returncode != 0


def test_a_malformed_trusted_proxy_stops_the_start(production):
    result = run_check(production | {"GONGKAI_AUDIT_KEY": AUDIT_KEY, "GONGKAI_TRUSTED_PROXIES": "10.0.0.300"})
    assert result.returncode != 0 and "GONGKAI_TRUSTED_PROXIES" in result.stderr
