#!/usr/bin/env bash
# Times the assembled CLI on a configuration of 1,000 files: a cold apply (fresh state), a no-op
# apply and a rollback, each the median of RUNS runs (default 5). Also prints the phase split of
# one cold `generations` and one cold `apply` (STATECTL_TIMINGS=1). Usage: bench/apply-1000.sh
set -euo pipefail
export STATECTL_NO_BUILD=1   # after the build below, time the CLI alone
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-5}"
work="$(mktemp -d /tmp/statectl-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
STATECTL_NO_BUILD= "$here/statectl" --version >/dev/null   # builds the assembly if needed, outside the timings

cfg="$work/config"
mkdir -p "$cfg/hosts" "$cfg/files"
{
  echo '# 1,000 managed files'
  for i in $(seq 1 1000); do
    d=$((i % 20))
    echo "content of file $i" > "$cfg/files/f$i"
    echo "[files.\"bench/d$d/f$i\"]"
    echo "source = \"../files/f$i\""
  done
} > "$cfg/hosts/bench.toml"
cp "$cfg/hosts/bench.toml" "$cfg/hosts/bench2.toml"
echo '[files."bench/extra"]' >> "$cfg/hosts/bench2.toml"
echo 'text = "one more"' >> "$cfg/hosts/bench2.toml"

now() { date +%s.%N; }
. "$here/bench/lib.sh"
sc() { "$here/statectl" "$@" >/dev/null; }

cold=(); noop=(); rollback=()
for r in $(seq 1 "$RUNS"); do
  st="$work/state-$r"; hm="$work/home-$r"; mkdir -p "$hm"
  t0=$(now); sc apply --config "$cfg" --host bench --home "$hm" --state-dir "$st"; t1=$(now)
  cold+=("$(awk "BEGIN{print $t1 - $t0}")")
  t0=$(now); sc apply --config "$cfg" --host bench --home "$hm" --state-dir "$st"; t1=$(now)
  noop+=("$(awk "BEGIN{print $t1 - $t0}")")
  sc apply --config "$cfg" --host bench2 --home "$hm" --state-dir "$st"
  t0=$(now); sc rollback --state-dir "$st"; t1=$(now)
  rollback+=("$(awk "BEGIN{print $t1 - $t0}")")
done
echo "1,000 files, median of $RUNS (seconds):"
echo "  cold apply   $(printf '%s\n' "${cold[@]}" | median_of)"
echo "  no-op apply  $(printf '%s\n' "${noop[@]}" | median_of)"
echo "  rollback     $(printf '%s\n' "${rollback[@]}" | median_of)"
echo
echo "phase split, cold JVM (one run each):"
echo "-- statectl generations"
STATECTL_TIMINGS=1 "$here/statectl" generations --state-dir "$work/state-1" 2>&1 >/dev/null | sed 's/^/   /'
echo "-- statectl apply (no-op)"
STATECTL_TIMINGS=1 "$here/statectl" apply --config "$cfg" --host bench --home "$work/home-1" --state-dir "$work/state-1" 2>&1 >/dev/null | sed 's/^/   /'
echo "-- statectl apply (new generation)"
STATECTL_TIMINGS=1 "$here/statectl" apply --config "$cfg" --host bench2 --home "$work/home-1" --state-dir "$work/state-1" 2>&1 >/dev/null | sed 's/^/   /'
