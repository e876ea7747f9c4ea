#!/usr/bin/env bash
# Issue 7's measurement: wall time of `statectl options` with 0, 4 and 20 third-party plugins
# installed (median of RUNS, default 5). The plugins are generated: each a one-module jar with
# its own namespace, compiled here against plugin-api. Usage: bench/plugins-startup.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-5}"
STATECTL_NO_BUILD= "$here/statectl" --version >/dev/null   # builds the assembly if needed
export STATECTL_NO_BUILD=1
work="$(mktemp -d /tmp/statectl-plugins.XXXXXX)"
trap 'rm -rf "$work"' EXIT
lib="$here/shell/target/app/lib"
api="$(ls "$lib"/statectl-plugin-api-*.jar)"
pf4j="$(ls "$lib"/pf4j-*.jar)"

make_plugin() { # index
  local i=$1 d="$work/src$1"
  mkdir -p "$d/bench/p$i" "$d/classes"
  cat > "$d/bench/p$i/Module$i.java" <<JAVA
package bench.p$i;
import io.statectl.api.module.*;
import io.statectl.api.option.*;
@org.pf4j.Extension
public final class Module$i implements StatectlModule {
  public String namespace() { return "bench.p$i"; }
  public String description() { return "generated plugin $i"; }
  public OptionDecl options() {
    return OptionDecl.of(OptionType.submodule(java.util.Map.of(
        "enable", OptionDecl.of(OptionType.bool(), "on").withDefault(Defaults.of(false)),
        "name", OptionDecl.of(OptionType.string(), "a name").withDefault(Defaults.of("p$i")))), description());
  }
  public ModuleContribution contribute(ModuleContext c) { return ModuleContribution.empty(); }
}
JAVA
  javac -q --release 17 -cp "$api:$pf4j" -processorpath "$pf4j" -d "$d/classes" "$d/bench/p$i/Module$i.java" 2>/dev/null \
    || javac --release 17 -cp "$api:$pf4j" -processorpath "$pf4j" -d "$d/classes" "$d/bench/p$i/Module$i.java" >/dev/null 2>&1
  printf 'Plugin-Id: p%s\nPlugin-Version: 1.0.0\nPlugin-Requires: >=0.1.0\nPlugin-Namespace: bench.p%s\n' "$i" "$i" > "$d/manifest"
  jar cfm "$work/p$i.jar" "$d/manifest" -C "$d/classes" .
}

for i in $(seq 1 20); do make_plugin "$i"; done
for n in 4 20; do
  for i in $(seq 1 "$n"); do
    "$here/statectl" plugin install "$work/p$i.jar" --state-dir "$work/state-$n" >/dev/null 2>&1
  done
done
# state-0 has an event log too (a plugin installed and removed), so that all three pay the same
# LMDB open and only the plugins differ.
"$here/statectl" plugin install "$work/p1.jar" --state-dir "$work/state-0" >/dev/null 2>&1
"$here/statectl" plugin remove p1 --state-dir "$work/state-0" >/dev/null 2>&1

. "$here/bench/lib.sh"
declare -A t
for r in $(seq 1 "$RUNS"); do
  for n in 0 4 20; do   # interleaved, so the machine's noise is shared
    t0=$(date +%s.%N)
    "$here/statectl" options --state-dir "$work/state-$n" >/dev/null
    t1=$(date +%s.%N)
    t[$n]="${t[$n]:-} $(awk "BEGIN{print $t1 - $t0}")"
  done
done
echo "statectl options, median of $RUNS (seconds):"
for n in 0 4 20; do
  echo "  $n plugins: $(echo ${t[$n]} | tr ' ' '\n' | median_of)"
done
