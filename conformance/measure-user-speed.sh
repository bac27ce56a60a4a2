#!/usr/bin/env bash
# Speed figure for the user-mode runner: times one compute-heavy static program of our own
# (src/test/c/programs/compute.c: SHA-256 over 1 MiB ROUNDS times, then an n-body simulation
# for STEPS steps) natively, under qemu-x86_64 (qemu-user) and under `jefevm.jar user`, checks
# that all three print the same, and prints the times and ratios.
#
# Usage: conformance/measure-user-speed.sh [ROUNDS [STEPS]]
#   JEFEVM_JAR  the launcher jar (default: the newest launcher/target*/jefevm.jar)
#   JAVA_HOME   a JDK 25 (default: /usr/lib/jvm/temurin-25-jdk-amd64)
set -euo pipefail
[ -n "${JEFEVM_JAR:-}" ] && JEFEVM_JAR=$(realpath "$JEFEVM_JAR")
cd "$(dirname "$0")"
rounds=${1:-16}
steps=${2:-600000}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=${JEFEVM_JAR:-$(ls -t ../launcher/target*/jefevm.jar 2>/dev/null | head -n 1 || true)}
[ -n "$jar" ] && [ -f "$jar" ] || { echo "no launcher jar: build launcher or set JEFEVM_JAR" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -static -o "$work/compute" src/test/c/programs/compute.c -lm

# Runs "$@" with stdout to $work/<label>.out; prints "wall cpu" seconds (cpu = user + sys,
# the fairer figure when other jobs share the machine).
timed() {
  local label=$1; shift
  local TIMEFORMAT='%R %U %S'
  local times
  times=$( { time "$@" > "$work/$label.out"; } 2>&1 )
  read -r wall user sys <<< "$times"
  echo "$wall $(echo "$user + $sys" | bc -l)"
}

read -r native native_cpu <<< "$(timed native "$work/compute" "$rounds" "$steps")"
read -r qemu qemu_cpu <<< "$(timed qemu /usr/bin/qemu-x86_64 "$work/compute" "$rounds" "$steps")"
read -r jefevm jefevm_cpu <<< "$(timed jefevm "$java_home/bin/java" -jar "$jar" user "$work/compute" "$rounds" "$steps")"

for label in qemu jefevm; do
  cmp -s "$work/native.out" "$work/$label.out" || { echo "$label output differs from native:" >&2; diff "$work/native.out" "$work/$label.out" >&2 || true; exit 1; }
done
cat "$work/native.out"
ratio() { echo "$1 / $2" | bc -l; }
printf 'compute %s %s       native      qemu-x86_64  jefevm user\n' "$rounds" "$steps"
printf 'wall seconds       %8.3f     %8.3f     %8.3f\n' "$native" "$qemu" "$jefevm"
printf 'cpu seconds        %8.3f     %8.3f     %8.3f\n' "$native_cpu" "$qemu_cpu" "$jefevm_cpu"
printf 'wall: jefevm/native %.1f  jefevm/qemu %.2f  qemu/native %.1f\n' \
  "$(ratio "$jefevm" "$native")" "$(ratio "$jefevm" "$qemu")" "$(ratio "$qemu" "$native")"
printf 'cpu:  jefevm/native %.1f  jefevm/qemu %.2f  qemu/native %.1f\n' \
  "$(ratio "$jefevm_cpu" "$native_cpu")" "$(ratio "$jefevm_cpu" "$qemu_cpu")" "$(ratio "$qemu_cpu" "$native_cpu")"
