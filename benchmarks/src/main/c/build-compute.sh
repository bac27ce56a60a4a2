#!/bin/sh
# Builds the compute benchmark (compute.c) as a static -O2 x86_64 Linux program. Without gcc or
# a static libc it builds nothing and writes the reason to <output>.unavailable; the checksum
# test then skips with that reason and the benchmark runner stops with it.
# Usage: build-compute.sh <source file> <output binary> [compiler, default gcc]
src="$1"
out="$2"
cc="${3:-gcc}"
mkdir -p "$(dirname "$out")"
rm -f "$out" "$out.unavailable"
if [ "$(uname -m)" != "x86_64" ]; then
    echo "host is $(uname -m), not x86_64" > "$out.unavailable"
elif ! command -v "$cc" > /dev/null 2>&1; then
    echo "$cc not found on PATH" > "$out.unavailable"
elif ! "$cc" -O2 -static -Wall -Wextra -o "$out" "$src" 2> "$out.log"; then
    { echo "$cc -static failed (is the static libc, libc6-dev, installed?):"; cat "$out.log"; } > "$out.unavailable"
fi
if [ -f "$out.unavailable" ]; then
    echo "[compute] not built: $(head -1 "$out.unavailable")"
fi
exit 0
