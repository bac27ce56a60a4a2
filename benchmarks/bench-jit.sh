#!/usr/bin/env bash
# The JIT benchmark of issue 5: times our compute program (src/main/c/compute.c: FNV-1a over
# 2*SCALE MiB, a sieve up to SCALE Mi, qsort of SCALE*64Ki keys through an indirect comparator)
# natively, under qemu-x86_64 (when installed), under `jefevm user --accel interp` and
# `--accel jit`; checks that every run prints the native run's output; prints times and ratios
# to native. Then JefeOS boot-to-shell time on the JIT and on the interpreter (--boot-timing).
#
# With BIG_SCALE it also times native, qemu-x86_64 and the JIT at that scale and prints the
# steady-state ratio: the extra time for the extra work, (t(BIG) - t(SCALE)) over native's, which
# leaves out what every run pays once (JVM start, translating and HotSpot-compiling the hot code).
#
# Usage: benchmarks/bench-jit.sh [COMPUTE_BINARY [JEFEVM_JAR [SCALE [BOOT_RUNS [BIG_SCALE]]]]]
#   COMPUTE_BINARY  default: the newest benchmarks/target*/compute/compute (built by the module's build)
#   JEFEVM_JAR      default: the newest launcher/target*/jefevm.jar
#   JAVA_HOME       a JDK 25 (default: /usr/lib/jvm/temurin-25-jdk-amd64)
# Maven runs it with -Pbench-jit (see benchmarks/pom.xml and docs/benchmarks.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
compute=${1:-$(ls -t "$here"/target*/compute/compute 2>/dev/null | head -n 1 || true)}
jar=${2:-$(ls -t "$here"/../launcher/target*/jefevm.jar 2>/dev/null | head -n 1 || true)}
scale=${3:-16}
boot_runs=${4:-3}
big_scale=${5:-}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

if [ -z "$compute" ] || [ ! -x "$compute" ]; then
  reason=$(cat "$compute.unavailable" 2>/dev/null || echo "not built: run ./mvnw -B -pl benchmarks -am test-compile first")
  echo "bench-jit: no compute program: $reason" >&2
  exit 2
fi
[ -n "$jar" ] && [ -f "$jar" ] || { echo "bench-jit: no launcher jar: run ./mvnw -B -DskipTests package or pass JEFEVM_JAR" >&2; exit 2; }
# as ./jefevm runs it: its JVM options, with the JDK's startup cache trained once per build
mapfile -t jvm < <("$here/../launcher/jvm-options.sh" "$java_home" "$jar")
java=("$java_home/bin/java" "${jvm[@]}" -jar)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# timed LABEL COMMAND...: stdout to $work/LABEL.out, stderr to $work/LABEL.err; prints "wall cpu"
# seconds (cpu = user + sys of the process and its children).
timed() {
  local label=$1; shift
  local TIMEFORMAT='%R %U %S'
  local times
  times=$( { time "$@" > "$work/$label.out" 2> "$work/$label.err"; } 2>&1 )
  read -r wall user sys <<< "$times"
  echo "$wall $(echo "$user + $sys" | bc -l)"
}

declare -A wall cpu
labels=(native)
read -r wall[native] cpu[native] <<< "$(timed native "$compute" "$scale")"
if [ -x /usr/bin/qemu-x86_64 ] || command -v qemu-x86_64 > /dev/null; then
  labels+=(qemu-x86_64)
  read -r wall[qemu-x86_64] cpu[qemu-x86_64] <<< "$(timed qemu-x86_64 qemu-x86_64 "$compute" "$scale")"
else
  echo "bench-jit: qemu-x86_64 not installed (Debian: qemu-user); its row is left out" >&2
fi
labels+=(jefevm-interp jefevm-jit)
read -r wall[jefevm-interp] cpu[jefevm-interp] <<< "$(timed jefevm-interp "${java[@]}" "$jar" user --accel interp "$compute" "$scale")"
read -r wall[jefevm-jit] cpu[jefevm-jit] <<< "$(timed jefevm-jit "${java[@]}" "$jar" user --accel jit --jit-stats "$compute" "$scale")"

for label in "${labels[@]}"; do
  if ! cmp -s "$work/native.out" "$work/$label.out"; then
    echo "bench-jit: $label printed something else than the native run:" >&2
    diff "$work/native.out" "$work/$label.out" >&2 || true
    exit 1
  fi
done

echo "== compute $scale (output identical on every row) =="
cat "$work/native.out"
printf '%-16s %9s %9s %10s %10s\n' "" "wall s" "cpu s" "wall/nat" "cpu/nat"
for label in "${labels[@]}"; do
  printf '%-16s %9.3f %9.3f %9.1fx %9.1fx\n' "$label" "${wall[$label]}" "${cpu[$label]}" \
    "$(echo "${wall[$label]} / ${wall[native]}" | bc -l)" "$(echo "${cpu[$label]} / ${cpu[native]}" | bc -l)"
done
grep '^jit:' "$work/jefevm-jit.err" || true

if [ -n "$big_scale" ]; then
  declare -A big_wall big_cpu
  read -r big_wall[native] big_cpu[native] <<< "$(timed big-native "$compute" "$big_scale")"
  big_labels=(native)
  if [[ " ${labels[*]} " == *" qemu-x86_64 "* ]]; then
    big_labels+=(qemu-x86_64)
    read -r big_wall[qemu-x86_64] big_cpu[qemu-x86_64] <<< "$(timed big-qemu-x86_64 qemu-x86_64 "$compute" "$big_scale")"
  fi
  big_labels+=(jefevm-jit)
  read -r big_wall[jefevm-jit] big_cpu[jefevm-jit] <<< "$(timed big-jefevm-jit "${java[@]}" "$jar" user --accel jit "$compute" "$big_scale")"
  for label in "${big_labels[@]}"; do
    if ! cmp -s "$work/big-native.out" "$work/big-$label.out"; then
      echo "bench-jit: $label at SCALE $big_scale printed something else than the native run" >&2
      exit 1
    fi
  done
  echo "== compute $big_scale, and the steady state: (t($big_scale) - t($scale)) against native's =="
  printf '%-16s %9s %9s %10s %10s %12s %12s\n' "" "wall s" "cpu s" "wall/nat" "cpu/nat" "steady wall" "steady cpu"
  for label in "${big_labels[@]}"; do
    dw_nat=$(echo "${big_wall[native]} - ${wall[native]}" | bc -l)
    dc_nat=$(echo "${big_cpu[native]} - ${cpu[native]}" | bc -l)
    printf '%-16s %9.3f %9.3f %9.1fx %9.1fx %11.1fx %11.1fx\n' "$label" "${big_wall[$label]}" "${big_cpu[$label]}" \
      "$(echo "${big_wall[$label]} / ${big_wall[native]}" | bc -l)" "$(echo "${big_cpu[$label]} / ${big_cpu[native]}" | bc -l)" \
      "$(echo "(${big_wall[$label]} - ${wall[$label]}) / $dw_nat" | bc -l)" \
      "$(echo "(${big_cpu[$label]} - ${cpu[$label]}) / $dc_nat" | bc -l)"
  done
fi

# boot_ms ACCEL: host milliseconds from JVM start to the JefeOS shell prompt, one run
boot_ms() {
  printf 'poweroff\n' | "${java[@]}" "$jar" run --display none --boot-timing --accel "$1" 2>&1 >/dev/null \
    | sed -n 's/^boot-timing: shell-ready \([0-9]*\) ms$/\1/p' | head -n 1
}

echo "== JefeOS boot to shell, host ms since JVM start ($boot_runs runs each) =="
for accel in jit interp; do
  runs=()
  for _ in $(seq "$boot_runs"); do
    runs+=("$(boot_ms "$accel")")
  done
  printf '%-8s %s\n' "$accel" "${runs[*]}"
done
