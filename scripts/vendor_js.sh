#!/usr/bin/env bash
# Reproduces api/web/static/vendor/: the browser libraries the pages use, from npm, pinned, with
# their licence files, so the pages (map, graph explorer, /docs) work offline with no CDN.
# Run from the repository root: bash scripts/vendor_js.sh   (needs npm; the result is committed)
set -euo pipefail
OUT="api/web/static/vendor"
PKGS=(
  "swagger-ui-dist@5.35.0:swagger-ui.css swagger-ui-bundle.js LICENSE NOTICE"
  "leaflet@1.9.4:dist/leaflet.js dist/leaflet.css LICENSE"
  "cytoscape@3.35.0:dist/cytoscape.min.js LICENSE"
)
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
rm -rf "$OUT"; mkdir -p "$OUT"
{
  echo "# Vendored browser libraries (written by scripts/vendor_js.sh; do not edit by hand)"
  echo "# package@version  licence  sha512 integrity of the npm tarball"
} > "$OUT/VERSIONS.txt"
for entry in "${PKGS[@]}"; do
  spec="${entry%%:*}"; files="${entry#*:}"; name="${spec%@*}"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  tgz="$(ls "$tmp"/"${name}"-*.tgz)"
  mkdir -p "$tmp/$name" "$OUT/$name"
  tar -xzf "$tgz" -C "$tmp/$name"
  for f in $files; do cp "$tmp/$name/package/$f" "$OUT/$name/$(basename "$f")"; done
  lic="$(node -e "console.log(require('$tmp/$name/package/package.json').license)")"
  sum="$(node -e "const c=require('crypto'),fs=require('fs');console.log('sha512-'+c.createHash('sha512').update(fs.readFileSync('$tgz')).digest('base64'))")"
  echo "$spec  $lic  $sum" >> "$OUT/VERSIONS.txt"
  rm -f "$tgz"
done
echo "vendored into $OUT:"; cat "$OUT/VERSIONS.txt"
