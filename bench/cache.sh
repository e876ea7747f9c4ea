#!/usr/bin/env bash
# cache: issue 16's binary-cache workloads, statectl against Nix 2.8 in ONE loop, alternating which
# tool goes first in every run (so both see the same machine noise), RUNS runs (default 3), medians:
#   substitute  a closure of N (default 1000) small paths from a local HTTP cache (`statectl cache
#               serve DIR`, the same server for both): `statectl build` of a host declaring the N
#               packages, on a fresh state directory, with --substituters/--option trusted-public-keys
#               (nothing is built; the time includes evaluating and instantiating the host, and the
#               JVM start of the new state directory's server; the realise phase is shown apart)
#               vs `nix copy --from http://…` of the same N paths into a fresh Nix store whose store
#               directory is the same string (both check every signature)
#   push        the same N paths to an empty file:// cache, zstd, signed: `statectl cache push`
#               vs `nix copy --to 'file://…?secret-key=…&compression=zstd'`
# Nix is single-user and hermetic under $W (NIX_STORE_DIR, NIX_STATE_DIR, …), never /nix.
# mvn verify does not run this. Needs nix-bin and the assembled CLI (`mvn -o -q -B package -DskipTests`).
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}; N=${N:-1000}; J=${J:-2}
app="$here/shell/target/app"
[ -x "$app/bin/statectl" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
command -v nix >/dev/null || { echo "needs Nix 2.8: apt-get install -y --no-install-recommends nix-bin" >&2; exit 1; }
W=$(mktemp -d /tmp/statectl-cache.XXXXXX)
. "$here/bench/lib.sh"
sc() { "$app/bin/statectl" "$@"; }
serve_pid=
cleanup() {
  [ -z "$serve_pid" ] || kill -- -"$serve_pid" 2>/dev/null || true   # the launcher, its client and engine JVMs
  for s in "$W/keys" "$W/b" "$W/srv"; do sc server stop --state-dir "$s" >/dev/null 2>&1 || true; done
  chmod -R u+w "$W" 2>/dev/null || true; rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$W/nix/conf" "$W/cfg/hosts"
export NIX_STATE_DIR="$W/nix/state" NIX_LOG_DIR="$W/nix/log" NIX_CONF_DIR="$W/nix/conf" XDG_CACHE_HOME="$W/nix/xdg"
NIX=(nix --extra-experimental-features nix-command --option build-users-group '' --option substituters '')

# N small packages, each its own path (as many narinfos and NARs as paths).
for ((i = 0; i < N; i++)); do
  printf '[packages.c%d]\nbuild = "echo cache bench %s %d > $out"\n' "$i" "$$" "$i"
done >"$W/cfg/hosts/many.toml"

# Machine A builds and pushes them once (untimed), at the state directory every run uses: a store
# path depends on the store directory, so "another machine" is the same path, wiped.
B="$W/b"
sc cache keygen --name bench-cache-1 --secret "$W/sk" --public "$W/pk" --state-dir "$W/keys" >/dev/null
pk=$(cat "$W/pk")
sc build --config "$W/cfg" --host many --state-dir "$B" -j "$J" --no-out-link >"$W/built" 2>"$W/build.err"
awk '/^c[0-9]+ /{print $2}' "$W/built" >"$W/paths"
[ "$(wc -l <"$W/paths")" -eq "$N" ] || { cat "$W/build.err" >&2; exit 1; }
sc cache push "file://$W/cache" --secret "$W/sk" --quiet --state-dir "$B" $(cat "$W/paths") >/dev/null
sc server stop --state-dir "$B" >/dev/null 2>&1 || true
rm -rf "$B"

serve_cache "$W/cache"

# Both tools use that store directory string, $W/b/store, one after the other (wiped between).
statectl_run() {
  STATECTL_TIMINGS=1 t sc-sub sc build --config "$W/cfg" --host many --state-dir "$B" -j "$J" --no-out-link \
    --substituters "$url" --option trusted-public-keys "$pk"
  grep -q "nothing to build" "$W/err" || { echo "statectl built something:" >&2; cat "$W/err" >&2; exit 1; }
  awk '$1 == "realise" {print $2 / 1000}' "$W/err" >>"$W/sc-realise.t"
  t sc-push sc cache push "file://$W/push-sc-$r" --secret "$W/sk" --quiet --state-dir "$B" $(cat "$W/paths")
  sc server stop --state-dir "$B" >/dev/null 2>&1 || true
  chmod -R u+w "$B" 2>/dev/null || true; rm -rf "$B"
}
nix_run() {
  export NIX_STORE_DIR="$B/store"
  t nix-sub "${NIX[@]}" copy --from "$url" --option trusted-public-keys "$pk" $(cat "$W/paths")
  t nix-push "${NIX[@]}" copy --to "file://$W/push-nix-$r?secret-key=$W/sk&compression=zstd" $(cat "$W/paths")
  chmod -R u+w "$B" "$W/nix/state" 2>/dev/null || true; rm -rf "$B" "$W/nix/state" "$W/nix/xdg"
}
for ((r = 0; r < RUNS; r++)); do
  if ((r % 2)); then nix_run; statectl_run; else statectl_run; nix_run; fi
done
cat <<REPORT
| workload ($N paths, median of $RUNS, one loop) | statectl | Nix 2.8 | ratio | goal |
| --- | --- | --- | --- | --- |
| substitute from a local HTTP cache (statectl: whole \`build\`) | $(median sc-sub) s | \`nix copy --from\` $(median nix-sub) s | $(ratio sc-sub nix-sub) | ≤ 0.5× |
| … of which statectl's realise phase (the downloads) | $(median sc-realise) s | | $(ratio sc-realise nix-sub) | |
| push to an empty file:// cache (zstd, signed) | $(median sc-push) s | \`nix copy --to\` $(median nix-push) s | $(ratio sc-push nix-push) | ≤ 0.5× |
runs: $RUNS, $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)
REPORT
