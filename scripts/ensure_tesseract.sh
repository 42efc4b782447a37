#!/usr/bin/env bash
# Scanned PDF pages are read by Debian's Tesseract with its Arabic and English models (the OCR
# tests run the real binary); Arabic words read with wrong dots are checked against Debian's
# Hunspell Arabic dictionary (hunspell, hunspell-ar). Installs them when absent and this is a
# Debian machine where we may use apt; otherwise says how.
set -u
have() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx "$1"; }
speller() { command -v hunspell >/dev/null 2>&1 && [ -e /usr/share/hunspell/ar.dic ]; }
if have ara && have eng && speller; then exit 0; fi
PACKAGES="tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng hunspell hunspell-ar"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "[tesseract] installing Debian's tesseract-ocr (Arabic, English) and hunspell-ar for OCR of scanned pages"
  apt-get update -qq >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null 2>&1 && exit 0
  echo "[tesseract] apt-get install $PACKAGES failed"
else
  echo "[tesseract] no Tesseract: apt-get install $PACKAGES (as root)"
fi
exit 1
