#!/usr/bin/env bash
# The disk benchmark of issue 7: sequential write and read throughput of a 64 MiB file in
# JefeOS over the ATA DMA path. For each back end (JIT, then interpreter) it makes a fresh
# 256 MiB image with `jefevm disk create` (MBR + NTFS, as users get) and a blank raw scratch
# image, boots JefeOS in real-time mode (`jefevm run --display none --disk IMAGE --disk
# SCRATCH`), and runs the guest's `iobench` command: a small warm-up file (so the JIT has
# compiled the I/O paths), then `iobench -raw -s SIZE ata1` (whole sectors of the scratch disk
# through the ATA driver alone) and `iobench -s SIZE bench.bin` (a file through NTFS). Each
# command is typed only once the previous one has given the prompt back, as a person would:
# input queued behind a full UART FIFO changes how the idle vCPU waits.
#
# Usage: benchmarks/bench-disk.sh [JEFEVM_JAR [SIZE_MIB [ACCELS]]]
#   JEFEVM_JAR  default: the newest launcher/target*/jefevm.jar
#   SIZE_MIB    default: 64
#   ACCELS      default: "jit interp"
#   JAVA_HOME   a JDK 25 (default: /usr/lib/jvm/temurin-25-jdk-amd64)
# Maven runs it with -Pbench-disk (see benchmarks/pom.xml and docs/benchmarks.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$(ls -t "$here"/../launcher/target*/jefevm.jar 2>/dev/null | head -n 1 || true)}
size=${2:-64}
accels=${3:-jit interp}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java=("$java_home/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -jar)
command_timeout=600  # seconds for one guest command (the interpreter at 64 MiB needs minutes)

[ -n "$jar" ] && [ -f "$jar" ] || { echo "bench-disk: no launcher jar: run ./mvnw -B -DskipTests package or pass JEFEVM_JAR" >&2; exit 2; }

work=$(mktemp -d)
vm=""
cleanup() {
  if [ -n "$vm" ]; then kill "$vm" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# prompts FILE: how many shell prompts the guest has printed so far
prompts() { grep -ao 'jefeos> ' "$1" | wc -l; }

# session ACCEL COMMAND...: boots on ACCEL with fresh images, types each COMMAND after the
# prompt comes back, then poweroff; the console transcript is in $work/ACCEL.out
session() {
  local accel=$1; shift
  local image=$work/$accel.img scratch=$work/$accel-scratch.img out=$work/$accel.out fifo=$work/$accel.in
  "${java[@]}" "$jar" disk create --size 256M "$image" > /dev/null
  truncate -s $(( (size + 8) * 1024 * 1024 )) "$scratch"
  mkfifo "$fifo"
  "${java[@]}" "$jar" run --accel "$accel" --display none --no-default-disk --disk "$image" --disk "$scratch" \
    < "$fifo" > "$out" 2>&1 &
  vm=$!
  exec 3> "$fifo"  # held open: the guest's input must not end while it works
  local n=1 waited
  for line in "$@" poweroff; do
    waited=0
    while [ "$(prompts "$out")" -lt "$n" ]; do
      if ! kill -0 "$vm" 2> /dev/null; then
        echo "bench-disk: the VM ($accel) ended early:" >&2; cat "$out" >&2; exit 1
      fi
      if [ "$waited" -ge $((command_timeout * 10)) ]; then
        echo "bench-disk: no prompt after $command_timeout s ($accel):" >&2; cat "$out" >&2; exit 1
      fi
      sleep 0.1; waited=$((waited + 1))
    done
    printf '%s\n' "$line" >&3
    n=$((n + 1))
  done
  wait "$vm" || true
  vm=""
  exec 3>&-
}

for accel in $accels; do
  session "$accel" "iobench -s 4 warmup.bin" "iobench -raw -s $size ata1" "iobench -s $size bench.bin"
done

echo "== JefeOS sequential disk throughput, $size MiB in 1 MiB chunks (write includes the final sync) =="
printf '%-8s %-22s %-6s %9s %11s\n' accel path phase seconds "MiB/s"
for accel in $accels; do
  out=$work/$accel.out
  if grep -aq 'iobench: .*\(error\|wrong\|short\|no such\|holds\)' "$out"; then
    echo "bench-disk: iobench failed ($accel):" >&2; cat "$out" >&2; exit 1
  fi
  # lines 1-2: warm-up; 3-4: raw; 5-6: file
  mapfile -t rows < <(grep -a '^iobench: \(write\|read\) ' "$out" | tail -n +3)
  [ "${#rows[@]}" -eq 4 ] || { echo "bench-disk: expected 4 result lines ($accel):" >&2; cat "$out" >&2; exit 1; }
  for i in 0 1 2 3; do
    path=$([ "$i" -lt 2 ] && echo "raw ata1 (driver, DMA)" || echo "NTFS file")
    read -r _ phase _ _ _ seconds _ _ rate _ <<< "${rows[$i]}"
    printf '%-8s %-22s %-6s %9s %11s\n' "$accel" "$path" "$phase" "$seconds" "$rate"
  done
done
