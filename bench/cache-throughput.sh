#!/usr/bin/env bash
# cache-throughput: issue 16's "200 MiB closure" row. One path of about SIZE_MIB (default 200) MiB
# of hex text from /dev/urandom (`od`; zstd takes it to about 40%), pushed once to a file:// cache and served
# by `statectl cache serve`. Timed in ONE loop, alternating which goes first, RUNS runs (default 3):
#   statectl  the realise phase of `statectl build --substituters …` on a fresh state directory:
#             download, zstd -d, NAR unpack, NarHash check, registration (STATECTL_TIMINGS)
#   anchor    `curl` of the same .nar.zst from the same server piped into `zstd -d >/dev/null`
#             (no unpack, no hash: the floor of the transfer)
# Prints MiB/s for both and their ratio (goal: statectl >= 0.7x the anchor's throughput).
# mvn verify does not run this. Needs curl, zstd and the assembled CLI.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}; SIZE_MIB=${SIZE_MIB:-200}
app="$here/shell/target/app"
[ -x "$app/bin/statectl" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
for tool in curl zstd; do command -v $tool >/dev/null || { echo "needs $tool: apt-get install -y $tool" >&2; exit 1; }; done
W=$(mktemp -d /tmp/statectl-throughput.XXXXXX)
. "$here/bench/lib.sh"
sc() { "$app/bin/statectl" "$@"; }
serve_pid=
cleanup() {
  [ -z "$serve_pid" ] || kill -- -"$serve_pid" 2>/dev/null || true
  for s in "$W/keys" "$W/b" "$W/srv"; do sc server stop --state-dir "$s" >/dev/null 2>&1 || true; done
  chmod -R u+w "$W" 2>/dev/null || true; rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$W/cfg/hosts"
# od -tx1 writes 3 characters a byte (4 a line of 16 with the newline): SIZE_MIB/3 MiB of random bytes
raw=$((SIZE_MIB / 3))
printf '[packages.big]\nbuild = "head -c %dM /dev/urandom | od -An -v -tx1 > $out"\n' "$raw" >"$W/cfg/hosts/big.toml"

B="$W/b"
sc cache keygen --name bench-big-1 --secret "$W/sk" --public "$W/pk" --state-dir "$W/keys" >/dev/null
pk=$(cat "$W/pk")
sc build --config "$W/cfg" --host big --state-dir "$B" --no-out-link >"$W/built" 2>"$W/build.err" \
  || { cat "$W/build.err" >&2; exit 1; }
path=$(awk '/^big /{print $2}' "$W/built")
[ -n "$path" ] || { cat "$W/built" "$W/build.err" >&2; exit 1; }
sc cache push "file://$W/cache" --secret "$W/sk" --quiet --state-dir "$B" "$path" >/dev/null
sc server stop --state-dir "$B" >/dev/null 2>&1 || true
rm -rf "$B"
nar=$(cd "$W/cache" && ls nar/*.nar.zst)
nar_size=$(awk -F': ' '$1 == "NarSize" {print $2}' "$W"/cache/*.narinfo)

serve_cache "$W/cache"

statectl_run() {
  STATECTL_TIMINGS=1 sc build --config "$W/cfg" --host big --state-dir "$B" --no-out-link \
    --substituters "$url" --option trusted-public-keys "$pk" >"$W/out" 2>"$W/err" || { cat "$W/err" >&2; exit 1; }
  grep -q "nothing to build" "$W/err" || { echo "statectl built something:" >&2; cat "$W/err" >&2; exit 1; }
  awk '$1 == "realise" {print $2 / 1000}' "$W/err" >>"$W/sc.t"
  sc server stop --state-dir "$B" >/dev/null 2>&1 || true
  chmod -R u+w "$B" 2>/dev/null || true; rm -rf "$B"
}
anchor_run() {
  t curl bash -c "curl -sf '$url/$nar' | zstd -dq >/dev/null"
}
for ((r = 0; r < RUNS; r++)); do
  if ((r % 2)); then anchor_run; statectl_run; else statectl_run; anchor_run; fi
done
mib=$(awk -v n="$nar_size" 'BEGIN{printf "%.1f", n / 1048576}')
sc_rate=$(awk -v n="$nar_size" -v s="$(median sc)" 'BEGIN{printf "%.0f", n / 1048576 / s}')
an_rate=$(awk -v n="$nar_size" -v s="$(median curl)" 'BEGIN{printf "%.0f", n / 1048576 / s}')
cat <<REPORT
| workload (one path, NAR $mib MiB, median of $RUNS, one loop) | statectl | curl + zstd -d | throughput ratio | goal |
| --- | --- | --- | --- | --- |
| substitute from a local HTTP cache (statectl: the realise phase) | $(median sc) s ($sc_rate MiB/s) | $(median curl) s ($an_rate MiB/s) | $(awk -v a="$sc_rate" -v b="$an_rate" 'BEGIN{printf "%.2fx", a / b}') | ≥ 0.7× |
runs: $RUNS, $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)
REPORT
