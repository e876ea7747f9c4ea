#!/usr/bin/env bash
# A/B of the warm path (issue 5's targets) between two assemblies, interleaved in one loop so that
# both see the same load: `--version`, `generations` and a no-op `apply` of 1,000 files, each through
# its own running server (one state directory per assembly), median of RUNS (default 10), plus the
# cold in-process `--version` and `generations` of the second assembly for the cold/warm ratio.
# Usage: bench/server-ab.sh A_APP B_APP   (each a shell/target/app; e.g. a worktree of the old commit)
set -euo pipefail
A="$1/bin/statectl"; B="$2/bin/statectl"; RUNS="${RUNS:-10}"
work="$(mktemp -d /tmp/statectl-bench-ab.XXXXXX)"
trap 'STATECTL_STATE_DIR="$work/a" "$A" server stop >/dev/null 2>&1 || true; STATECTL_STATE_DIR="$work/b" "$B" server stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cfg="$work/config"; mkdir -p "$cfg/hosts" "$cfg/files" "$work/ha" "$work/hb"
{
  for i in $(seq 1 1000); do
    echo "content of file $i" > "$cfg/files/f$i"
    echo "[files.\"bench/d$((i % 20))/f$i\"]"
    echo "source = \"../files/f$i\""
  done
} > "$cfg/hosts/bench.toml"
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
run() { # run SIDE ARGS…: ms of one command, output discarded
  local side="$1"; shift
  local sc="$A" st="$work/a" hm="$work/ha"; [ "$side" = b ] && { sc="$B"; st="$work/b"; hm="$work/hb"; }
  local t0 t1; t0=${EPOCHREALTIME/./}   # no fork for the clock
  STATECTL_STATE_DIR="$st" "$sc" "${@//@HOME@/$hm}" >/dev/null 2>&1 || true
  t1=${EPOCHREALTIME/./}; echo $(( (t1 - t0) / 1000 ))
}
apply=(apply --config "$cfg" --host bench --home @HOME@)
for s in a b; do   # generation 1 in-process, then start the server and warm it up
  run $s --no-server "${apply[@]}" >/dev/null; for i in 1 2 3 4 5 6; do run $s "${apply[@]}" >/dev/null; run $s generations >/dev/null; done
done
declare -A xs
for r in $(seq 1 "$RUNS"); do
  for s in a b; do
    xs[$s/version]+="$(run $s --version) "; xs[$s/generations]+="$(run $s generations) "; xs[$s/apply]+="$(run $s "${apply[@]}") "
  done
  xs[b/cold-version]+="$(STATECTL_CDS=0 run b --no-server --version) "; xs[b/cold-generations]+="$(STATECTL_CDS=0 run b --no-server generations) "
done
echo "median of $RUNS, ms ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  %-16s %8s %8s\n' command A B
for c in version generations apply; do
  printf '  %-16s %8s %8s\n' "$c" "$(tr ' ' '\n' <<<"${xs[a/$c]}" | grep . | median)" "$(tr ' ' '\n' <<<"${xs[b/$c]}" | grep . | median)"
done
for c in version generations; do
  echo "  B cold $c (--no-server, no app CDS): $(tr ' ' '\n' <<<"${xs[b/cold-$c]}" | grep . | median)"
done
