#!/usr/bin/env bash
# Start-up benchmark for issue 5 (the resident server). For `--version`, `generations`, `history`
# and a no-op `apply` of a 1,000-file configuration, the median of RUNS runs (default 10), all in
# one run of this script, in three set-ups:
#   cold      every command in its own JVM (--no-server), no application CDS archive (STATECTL_CDS=0;
#             the JDK's own default archive stays on, as before this issue)
#   cold+cds  every command in its own JVM, with the engine's AppCDS archive (JDK 25: AOT cache)
#   warm      the thin client (with its archive) talking to a running server
# plus the first command of a fresh server (client + server start + command), and the phase
# split (STATECTL_TIMINGS=1) of each set-up. Usage: bench/server.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-10}"
"$here/statectl" --version >/dev/null   # builds the assembly if needed, outside the timings
sc="$here/shell/target/app/bin/statectl"
work="$(mktemp -d /tmp/statectl-bench-server.XXXXXX)"
export STATECTL_STATE_DIR="$work/state"   # so that `--version` finds the same server
trap '"$sc" server stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

cfg="$work/config"; hm="$work/home"
mkdir -p "$cfg/hosts" "$cfg/files" "$hm"
{
  for i in $(seq 1 1000); do
    echo "content of file $i" > "$cfg/files/f$i"
    echo "[files.\"bench/d$((i % 20))/f$i\"]"
    echo "source = \"../files/f$i\""
  done
} > "$cfg/hosts/bench.toml"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
apply=(apply --config "$cfg" --host bench --home "$hm")
cmds=("--version" "generations" "history" "apply")
args_of() { case "$1" in apply) echo "${apply[@]}";; *) echo "$1";; esac; }

STATECTL_NO_SERVER=1 "$sc" "${apply[@]}" >/dev/null          # generation 1 (also makes the engine archive)
STATECTL_NO_SERVER=1 "$sc" generations >/dev/null

# time_one MODE CMD: one run, seconds
time_one() {
  local mode="$1" cmd="$2" t0 t1
  # shellcheck disable=SC2046
  case "$mode" in
    cold)     t0=$(now); STATECTL_CDS=0 STATECTL_NO_SERVER=1 "$sc" $(args_of "$cmd") >/dev/null; t1=$(now) ;;
    cold+cds) t0=$(now); STATECTL_NO_SERVER=1 "$sc" $(args_of "$cmd") >/dev/null; t1=$(now) ;;
    warm)     t0=$(now); "$sc" $(args_of "$cmd") >/dev/null; t1=$(now) ;;
  esac
  awk "BEGIN{print $t1 - $t0}"
}

declare -A result
"$sc" generations >/dev/null   # start the server (and make the client's archive)
"$sc" "${apply[@]}" >/dev/null
for mode in cold cold+cds warm; do
  for cmd in "${cmds[@]}"; do
    xs=()
    for r in $(seq 1 "$RUNS"); do xs+=("$(time_one "$mode" "$cmd")"); done
    result["$mode/$cmd"]="$(printf '%s\n' "${xs[@]}" | median)"
  done
done
firsts=()
for r in $(seq 1 5); do
  "$sc" server stop >/dev/null
  t0=$(now); "$sc" generations >/dev/null; t1=$(now)
  firsts+=("$(awk "BEGIN{print $t1 - $t0}")")
done

echo "median of $RUNS, seconds ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/release"))"
printf '  %-14s %9s %9s %9s %9s\n' command cold cold+cds warm cold/warm
for cmd in "${cmds[@]}"; do
  c="${result[cold/$cmd]}"; d="${result[cold+cds/$cmd]}"; w="${result[warm/$cmd]}"
  printf '  %-14s %9s %9s %9s %8.1fx\n' "$([ "$cmd" = apply ] && echo 'apply (no-op)' || echo "$cmd")" "$c" "$d" "$w" "$(awk "BEGIN{print $c / $w}")"
done
echo "  first command of a fresh server (generations; median of 5): $(printf '%s\n' "${firsts[@]}" | median)"
"$sc" "${apply[@]}" >/dev/null; "$sc" "${apply[@]}" >/dev/null   # warm the fresh server up again
echo
echo "phase split of a no-op apply (STATECTL_TIMINGS=1, one run each):"
echo "-- cold";     STATECTL_TIMINGS=1 STATECTL_CDS=0 STATECTL_NO_SERVER=1 "$sc" "${apply[@]}" 2>&1 >/dev/null | sed 's/^/   /'
echo "-- cold+cds"; STATECTL_TIMINGS=1 STATECTL_NO_SERVER=1 "$sc" "${apply[@]}" 2>&1 >/dev/null | sed 's/^/   /'
echo "-- warm (server side; the client adds its own JVM start)"; STATECTL_TIMINGS=1 "$sc" "${apply[@]}" 2>&1 >/dev/null | sed 's/^/   /'
echo "-- generations, cold";  STATECTL_TIMINGS=1 STATECTL_CDS=0 STATECTL_NO_SERVER=1 "$sc" generations 2>&1 >/dev/null | sed 's/^/   /'
echo "-- generations, warm";  STATECTL_TIMINGS=1 "$sc" generations 2>&1 >/dev/null | sed 's/^/   /'
