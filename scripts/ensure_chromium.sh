#!/usr/bin/env bash
# Browser tests run in Debian's chromium (Playwright's own browser download is not reachable here).
# Installs it when absent and this is a Debian machine where we may use apt; otherwise says how.
set -u
if [ -n "${DALIL_CHROMIUM:-}" ] && [ -x "${DALIL_CHROMIUM}" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "[chromium] installing Debian's chromium for the browser tests"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 && exit 0
  echo "[chromium] apt-get install chromium failed"
else
  echo "[chromium] no chromium: apt-get install chromium (as root), or set DALIL_CHROMIUM=/path/to/chromium"
fi
exit 1
