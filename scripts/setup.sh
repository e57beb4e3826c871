#!/usr/bin/env bash
# One-time (idempotent) set-up: system libraries for WeasyPrint, a virtualenv in .venv, and the package.
# Re-running is cheap: it reinstalls only when pyproject.toml or constraints.txt changed.
# constraints.txt pins the versions the suite was run with, so PDFs are byte-stable across machines.
set -euo pipefail
cd "$(dirname "$0")/.."

py=${PYTHON:-python3}
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: readiness needs Python 3.11 or newer as '$py' (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils)
# A real spreadsheet client for the round-trip test (tests/workbook/test_workbook_libreoffice.py):
# officials fill the workbook in Excel or LibreOffice, and headless LibreOffice saves .xlsx/.ods.
pkgs+=(libreoffice-calc-nogui)
# Debian's own python3 ships venv and ensurepip separately.
"$py" -c 'import ensurepip, venv' 2>/dev/null || pkgs+=("python3-venv")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup: installing system packages: ${missing[*]}" >&2
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
fi

[ -x .venv/bin/python ] || "$py" -m venv .venv
stamp=.venv/.readiness-installed
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -c constraints.txt -e '.[test]' >&2
  echo "$want" > "$stamp"
fi
