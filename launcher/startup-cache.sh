#!/usr/bin/env bash
# startup-cache.sh JAVA_HOME JAR [JVM_OPTION ...]: prints the JVM options (one a line) that run JAR
# with the JDK's startup cache (its AOT cache: classes loaded and linked, and method profiles,
# recorded in one training run), training it first if JAR is newer than the last training: a boot
# of the bundled JefeOS to its shell that powers off, with the given JVM options. Prints nothing if
# the cache cannot be made; JefeVM then runs the same, only slower to start. The JDK's messages
# about the cache are silenced (a cache from another JDK is simply not used).
set -uo pipefail
java_home=$1 jar=$2
shift 2
[ -w "$(dirname "$jar")" ] || exit 0 # nowhere to keep a cache: run without one
aot="${jar%.jar}.aot"
log="${jar%.jar}-aot.log"
if [ ! -f "$aot.tried" ] || [ "$jar" -nt "$aot.tried" ]; then
  touch "$aot.tried" # a failed training is not retried until the next build
  printf 'jefevm: preparing the startup cache (once per build) ... ' >&2
  rm -f "$aot"
  if printf 'poweroff\n' | timeout 120 "$java_home/bin/java" "$@" -XX:AOTCacheOutput="$aot.$$" \
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
