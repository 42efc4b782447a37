#!/usr/bin/env bash
# Scanned PDF pages are read by Debian's Tesseract with its Arabic and English models (the OCR
# tests run the real binary). Installs them when absent and this is a Debian machine where we may
# use apt; otherwise says how.
set -u
have() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx "$1"; }
if have ara && have eng; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "[tesseract] installing Debian's tesseract-ocr (Arabic, English) for OCR of scanned pages"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng >/dev/null 2>&1 \
    && exit 0
  echo "[tesseract] apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng failed"
else
  echo "[tesseract] no Tesseract: apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng (as root)"
fi
exit 1
