# Shared by bin/start and bin/test: make .venv with Python 3.11+ and install gongkai (editable) with its
# dependencies at the exact versions of requirements/lock.txt.
# Usage: . bin/_venv.sh base     (runtime dependencies, for bin/start)
#        . bin/_venv.sh test     (plus the "test" extra of pyproject.toml, for bin/test)
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
EXTRA="$1"
LOCK=requirements/lock.txt
TARGET="."
if [ "$EXTRA" != base ]; then TARGET=".[$EXTRA]"; fi
STAMP=".venv/.installed-$EXTRA"
if [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "==> 安装依赖（$TARGET，版本见 $LOCK）"
  .venv/bin/python -m pip install --disable-pip-version-check -q -c "$LOCK" -e "$TARGET"
  # Everything installed must be pinned in the lock; a package missing there came in at whatever version.
  norm() { grep -v '^#' | tr 'A-Z_' 'a-z-' | sort; }
  UNPINNED="$(comm -23 <(.venv/bin/python -m pip freeze --exclude gongkai | norm) <(norm <"$LOCK"))"
  if [ -n "$UNPINNED" ]; then
    echo "!! 以下软件包不在 $LOCK 中（版本未锁定），请按该文件开头的说明重新生成：" >&2
    echo "$UNPINNED" >&2
    if [ "${CI:-}" = true ]; then exit 1; fi
  fi
  touch "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
