#!/usr/bin/env bash
# store: statectl's store life cycle against Nix 2.8, in one loop so both share the machine's
# noise (medians of RUNS alternating runs, default 3). Workloads are the anchors'
# (/work/shared/bench-anchors/nix-store-add.sh and nix-gc.sh), with Nix hermetic under $W:
#   add      a 10,000-file tree (200 dirs, 1-4 KiB): `statectl store add` vs `nix-store --add`, and `cp -a`
#   re-add   the same tree again (statectl answers from its fingerprint cache)
#   verify   `store verify --check-contents` vs `nix-store --verify --check-contents`
#   optimise `store optimise` vs `nix-store --optimise` (the tree twice, under two names)
#   gc       GC_N (default 1000) dead paths: `statectl gc` vs `nix-store --gc`
# statectl runs through its launcher (thin client + resident server, warm after the first command).
# Needs the assembly (`mvn -o -q -B package -DskipTests`) and nix-bin.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}; GC_N=${GC_N:-1000}
app="$here/shell/target/app"
[ -d "$app/lib" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/statectl-store.XXXXXX)
. "$here/bench/lib.sh"
S="$W/state"
trap '"$app/bin/statectl" server stop --state-dir "$S" >/dev/null 2>&1 || true; chmod -R u+w "$W"; rm -rf "$W"' EXIT
sc() { "$app/bin/statectl" "$@" --state-dir "$S"; }
mkdir -p "$W/nix/conf"
export NIX_STORE_DIR="$W/nix/store" NIX_STATE_DIR="$W/nix/state" NIX_LOG_DIR="$W/nix/log" \
  NIX_CONF_DIR="$W/nix/conf" XDG_CACHE_HOME="$W/nix/cache"
NIXOPT=(--option sandbox false --option substituters '' --option build-users-group '')

# The anchor's deterministic tree; file 0 is a per-run salt.
mkdir -p "$W"/tree/d{000..199}
awk -v root="$W/tree" 'BEGIN{
  for (j = 0; j < 120; j++) base = base "abcdefghijklmnopqrstuvwxyz0123456789\n"
  for (i = 1; i < 10000; i++) {
    f = sprintf("%s/d%03d/f%05d.txt", root, i % 200, i); p = "file " i "\n"
    printf "%s%s", p, substr(base, 1 + i % 37, 1024 + (i * 7919) % 3073 - length(p)) > f; close(f)
  }}'

# GC_N trivial packages, each a dead path once built without an out-link.
gcconfig() {
  mkdir -p "$W/cfg/hosts"
  for ((i = 0; i < GC_N; i++)); do
    printf '[packages.g%d]\nbuild = "echo %s %d > $out"\n' "$i" "$1" "$i"
  done >"$W/cfg/hosts/gc.toml"
}
cat >"$W/paths.nix" <<'NIX'
{ salt, n }:
let files = builtins.genList (i: builtins.toFile "g${toString i}" ("${salt} ${toString i} "
      + (if i == 0 then "" else builtins.elemAt files (i - 1)) + "\n")) n;
in builtins.elemAt files (n - 1)
NIX

sc store add "$W/tree" --name warm >/dev/null  # starts the server
for ((r = 0; r < RUNS; r++)); do
  echo "salt $$-$r-$EPOCHREALTIME" >"$W/tree/d000/f00000.txt"
  t nix-add nix-store "${NIXOPT[@]}" --add "$W/tree"
  t sc-add sc store add "$W/tree"
  t nix-readd nix-store "${NIXOPT[@]}" --add "$W/tree"
  t sc-readd sc store add "$W/tree"
  t cp cp -a "$W/tree" "$W/copy$r"
  t nix-verify nix-store --verify --check-contents
  t sc-verify sc store verify --check-contents
  t nix-optimise nix-store "${NIXOPT[@]}" --optimise
  t sc-optimise sc store optimise
  gcconfig "$$-$r-$EPOCHREALTIME"
  sc build --config "$W/cfg" --host gc --no-out-link -j 2 >/dev/null 2>&1   # untimed
  nix-instantiate "${NIXOPT[@]}" --eval --read-write-mode --argstr salt "$$-$r-$EPOCHREALTIME" \
    --arg n "$GC_N" "$W/paths.nix" >/dev/null                                # untimed
  t nix-gc nix-store "${NIXOPT[@]}" --gc
  t sc-gc sc gc
done
cat <<REPORT
store add, 10,000 files:   statectl $(median sc-add) s, nix-store --add $(median nix-add) s ($(ratio sc-add nix-add) Nix; goal <= 0.5x), cp -a $(median cp) s ($(ratio sc-add cp) cp -a; goal <= 1.5x)
store add again (no-op):   statectl $(median sc-readd) s (goal <= 0.1 s), nix-store --add $(median nix-readd) s
verify --check-contents:   statectl $(median sc-verify) s, nix-store $(median nix-verify) s ($(ratio sc-verify nix-verify); goal <= 0.5x)
optimise:                  statectl $(median sc-optimise) s, nix-store $(median nix-optimise) s ($(ratio sc-optimise nix-optimise))
gc of $GC_N dead paths:      statectl $(median sc-gc) s, nix-store --gc $(median nix-gc) s ($(ratio sc-gc nix-gc); goal <= 0.3x)
runs: $RUNS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)
REPORT
