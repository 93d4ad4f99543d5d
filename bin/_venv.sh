# Shared by bin/start and bin/test: make .venv with Python 3.11+ and install pinned requirements.
# Usage: . bin/_venv.sh requirements/base.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "需要 Python 3.11 或更高版本（当前：$("$PY" --version 2>&1)）。可用 PYTHON=/path/to/python3.11 指定。" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv"
  "$PY" -m venv .venv
fi
REQ="$1"
STAMP=".venv/.installed-$(basename "$REQ")"
if [ ! -f "$STAMP" ] || [ "$REQ" -nt "$STAMP" ] || [ requirements/base.txt -nt "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "==> 安装依赖（$REQ）"
  .venv/bin/python -m pip install --disable-pip-version-check -q -r "$REQ"
  .venv/bin/python -m pip install --disable-pip-version-check -q --no-deps -e .
  touch "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
