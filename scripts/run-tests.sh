#!/usr/bin/env bash
# Runs the whole suite; pytest's exit 5 (no tests collected) is a failure too.
set -u
.venv/bin/python -m pytest -n 2 "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "no tests were collected: that is a defect" >&2; exit 1; fi
exit $rc
