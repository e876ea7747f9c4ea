#!/usr/bin/env bash
# build-dag-1000: realise a generated DAG of N=1000 trivial packages (each depends on 1-3 earlier
# ones, the same shape as ../shared/bench-anchors/nix-build-dag.sh, seeded alike), with
# `statectl build -j2`: cold (every output new, a salt makes fresh paths) and no-op (the same
# configuration again), both through the launcher, i.e. the thin client and the resident server
# of the state directory (started by the first command, warm after it), which is how users run
# it; plus the no-op in a fresh in-process JVM (`--no-server`) for reference. Median of RUNS runs
# (default 3). If nix-build is on PATH, runs the Nix anchor in the same session and prints the
# ratios.
#
# Needs the assembled CLI: `mvn -o -q -B package -DskipTests` first (this script never installs).
# Builds run in bubblewrap when it is installed (statectl's default), so every build pays a
# sandbox start; the Nix anchor runs with `sandbox = false`.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}; N=${N:-1000}; J=${J:-2}
app="$here/shell/target/app"
[ -d "$app/lib" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/statectl-dag.XXXXXX)
. "$here/bench/lib.sh"
trap '"$app/bin/statectl" server stop --state-dir "$W/state" >/dev/null 2>&1 || true; rm -rf "$W"' EXIT
sc() { "$app/bin/statectl" "$@"; }
inproc() {
  java --add-opens java.base/java.nio=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Ddisable-axoniq-console-message=true \
    -Dstatectl.plugins="$app/plugins" -cp "$app/lib/*" io.statectl.shell.Main "$@"
}

gen() { # gen SALT: the configuration of the DAG, salted
  local salt=$1 i j k deps; RANDOM=42
  mkdir -p "$W/cfg/hosts"
  {
    for ((i = 0; i < N; i++)); do
      deps=""
      if ((i > 0)); then
        k=$((1 + RANDOM % 3))
        for ((j = 0; j < k; j++)); do deps+="\"d$((RANDOM % i))\", "; done
      fi
      echo "[packages.d$i]"
      echo "build = 'echo $salt $i > \$out'"
      [ -z "$deps" ] || echo "buildInputs = [${deps%, }]"
    done
  } >"$W/cfg/hosts/dag.toml"
}

state="$W/state"
gen warmup-$$; sc build --config "$W/cfg" --host dag --state-dir "$state" -j "$J" d0 >/dev/null 2>&1  # bootstrap tools imported once
for ((r = 0; r < RUNS; r++)); do
  gen "$$-$r-$EPOCHREALTIME"
  t cold sc build --config "$W/cfg" --host dag --state-dir "$state" -j "$J"
  [ "$(grep -c '^d' "$W/out")" -eq "$N" ]
  t noop sc build --config "$W/cfg" --host dag --state-dir "$state" -j "$J"
  t noop-inproc inproc build --config "$W/cfg" --host dag --state-dir "$state" -j "$J"
done
sandbox=$(command -v bwrap >/dev/null && echo bubblewrap || echo "clean env (no bwrap)")
echo "statectl build-dag/cold: $(median cold) s (N=$N, -j$J, $sandbox, median of $RUNS)"
echo "statectl build-dag/noop: $(median noop) s (same configuration again; client JVM start included, warm server)"
echo "statectl build-dag/noop-inproc: $(median noop-inproc) s (the same in a fresh JVM, --no-server style)"
STATECTL_TIMINGS=1 sc build --config "$W/cfg" --host dag --state-dir "$state" -j "$J" 2>&1 >/dev/null | sed 's/^/   /' | tail -20

if [ -z "${SKIP_NIX:-}" ] && command -v nix-build >/dev/null; then
  echo "-- Nix anchor, same session:"
  RUNS=$RUNS N=$N bash "$here/../shared/bench-anchors/nix-build-dag.sh" | tee "$W/nix"
  nc=$(awk '/nix-build-dag\/cold/{print $2}' "$W/nix"); nn=$(awk '/nix-build-dag\/noop/{print $2}' "$W/nix")
  awk -v a="$(median cold)" -v b="$nc" -v c="$(median noop)" -v d="$nn" \
    'BEGIN{printf "ratio statectl/nix: cold %.2fx, no-op %.2fx\n", a/b, c/d}'
else
  echo "nix-build not found: no side-by-side numbers (apt-get install nix-bin gives Nix 2.8)"
fi
