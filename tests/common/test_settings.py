"""Settings come from the environment; a wrong value stops the start and names the variable."""

import os
import subprocess
import sys

import pytest


def run_check(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    # A fresh process environment: none of ours, and not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE.
    skip = ("GONGKAI_", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "check", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "name, value",
    [
        ("GONGKAI_DEBUG", "maybe"),
        ("GONGKAI_DUE_SOON_WORKDAYS", "three"),
        ("GONGKAI_SITE_CODE", "12345"),
        ("DATABASE_URL", "mysql://root@localhost/x"),
    ],
)
def test_invalid_value_names_the_variable(name, value):
    result = run_check({name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_production_needs_a_secret_key():
    result = run_check({"GONGKAI_DEBUG": "0"})
    assert result.returncode != 0 and "GONGKAI_SECRET_KEY" in result.stderr


def test_deploy_check_passes_with_documented_variables(tmp_path):
    env = {
        "GONGKAI_DEBUG": "0",
        "GONGKAI_SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a39281706f5e4d3c2b1a0zyxwvuts",
        "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn",
        "GONGKAI_DATA_KEY": "cXVpdGUtYS1zZWNyZXQta2V5LWZvci10ZXN0cy0xMjM0NTY=",
        "GONGKAI_AUDIT_KEY": "YW5vdGhlci1zZWNyZXQta2V5LWZvci10aGUtYXVkaXQtY2hhaW4=",
        "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    result = run_check(env, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
