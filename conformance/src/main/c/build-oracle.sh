#!/bin/sh
# Builds the native CPU oracle for the differential tests. Without gcc (or on a non-x86_64 host)
# it builds nothing and says why; the tests then skip with that reason.
# Usage: build-oracle.sh <source dir> <output binary> [compiler, default gcc]
src="$1"
out="$2"
cc="${3:-gcc}"
mkdir -p "$(dirname "$out")"
rm -f "$out" "$out.unavailable"
if [ "$(uname -m)" != "x86_64" ]; then
    echo "host is $(uname -m), not x86_64" > "$out.unavailable"
elif ! command -v "$cc" > /dev/null 2>&1; then
    echo "$cc not found on PATH" > "$out.unavailable"
elif ! "$cc" -O2 -Wall -Wextra -o "$out" "$src/oracle.c" "$src/trampoline.S" 2> "$out.log"; then
    { echo "gcc failed:"; cat "$out.log"; } > "$out.unavailable"
fi
if [ -f "$out.unavailable" ]; then
    echo "[oracle] not built: $(head -1 "$out.unavailable")"
fi
exit 0
