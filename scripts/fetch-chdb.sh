#!/usr/bin/env bash
# Fetches libchdb.so (the ClickHouse engine as a library) from its npm package into a cache directory
# outside git, once. Usage: fetch-chdb.sh <npm-package@version> <cache-dir>
# An explicit library (RASTRO_CHDB_LIBRARY) skips the fetch: the operator brought their own.
set -euo pipefail
spec="$1"; dir="$2"
if [ -n "${RASTRO_CHDB_LIBRARY:-}" ] && [ -f "${RASTRO_CHDB_LIBRARY}" ]; then
  exit 0
fi
if [ -s "$dir/libchdb.so" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required to fetch the embedded engine ($spec)" >&2; exit 1; }
mkdir -p "$dir"
work=$(mktemp -d "$dir/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "Fetching the embedded ClickHouse engine $spec (about 180 MB, once) into $dir"
(cd "$work" && npm pack --silent "$spec" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/libchdb.so
# Rename into place last so an interrupted fetch never leaves a truncated library behind.
mv "$work/package/libchdb.so" "$dir/libchdb.so.tmp"
mv "$dir/libchdb.so.tmp" "$dir/libchdb.so"
