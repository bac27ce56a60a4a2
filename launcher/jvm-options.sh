#!/usr/bin/env bash
# jvm-options.sh JAVA_HOME JAR: prints the JVM options (one a line) JefeVM's JAR runs with, for
# ./jefevm and the benchmarks alike: the fixed ones, then those of the JDK's startup cache (its
# AOT cache: classes loaded and linked, and method profiles, recorded in one training run). The
# cache is trained first if JAR is newer than the last training: a boot of the bundled JefeOS to
# its shell that powers off, with the fixed options. Without a cache (it could not be made, or
# there is nowhere to keep it) JefeVM runs the same, only slower to start. The JDK's messages
# about the cache are silenced (a cache from another JDK is simply not used).
#
# compiler-directives.json leaves the JIT's translator to C1 (see the file for why). HotSpot
# prints "1 compiler directives added" on standard output when it reads the file, which in
# `jefevm user` is the guest program's output: -XX:-DisplayVMOutput keeps the VM's own console
# prints off it (its warnings still show; diagnostics such as -XX:+PrintCompilation do not, so
# run java with your own options for those).
set -uo pipefail
java_home=$1 jar=$2
here=$(cd "$(dirname "$0")" && pwd)
jvm=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC
  -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="$here/compiler-directives.json" -XX:-DisplayVMOutput)
printf '%s\n' "${jvm[@]}"
[ -w "$(dirname "$jar")" ] || exit 0 # nowhere to keep a cache: run without one
aot="${jar%.jar}.aot"
log="${jar%.jar}-aot.log"
if [ ! -f "$aot.tried" ] || [ "$jar" -nt "$aot.tried" ]; then
  touch "$aot.tried" # a failed training is not retried until the next build
  printf 'jefevm: preparing the startup cache (once per build) ... ' >&2
  rm -f "$aot"
  if printf 'poweroff\n' | timeout 120 "$java_home/bin/java" "${jvm[@]}" -XX:AOTCacheOutput="$aot.$$" \
       -Xlog:aot=off -Xlog:cds=off -jar "$jar" run --display none --no-default-disk >"$log" 2>&1 \
       && [ -f "$aot.$$" ]; then
    mv -f "$aot.$$" "$aot"
    echo "done" >&2
  else
    rm -f "$aot.$$"
    echo "skipped (log: $log)" >&2
  fi
fi
if [ -f "$aot" ] && ! [ "$jar" -nt "$aot" ]; then
  printf '%s\n' -XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off
fi
