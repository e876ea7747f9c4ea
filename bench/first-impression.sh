#!/usr/bin/env bash
# Issue 21's first-impression workloads, each against its anchor in ONE loop, alternating the two
# tools in every run (so both see the same machine noise), RUNS runs (default 3), medians:
#   - 1,000 dotfiles, first apply into a new state directory  vs  GNU Stow --no-folding (first stow)
#   - the first command after the server exited (`generations`)  (absolute; goal <= 0.5 s)
#   - warm no-op apply of the same 1,000 files                  vs  Stow's no-op (stow again)
#   - warm `status` of the 1,000 files                          vs  Stow's no-op
#   - the resident server's RSS when idle after the warm commands (goal <= 80 MB)
# The file tree is the one ../shared/bench-anchors/stow-1000.sh makes (20 apps x 5 dirs x 10 files).
# mvn verify does not run this. Needs stow (apt-get install stow) and the assembled CLI
# (`mvn -o -q -B package -DskipTests`); runs in about two minutes.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}
app="$here/shell/target/app"
[ -x "$app/bin/statectl" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
command -v stow >/dev/null || { echo "needs GNU Stow: apt-get install -y stow" >&2; exit 1; }
W=$(mktemp -d /tmp/statectl-first.XXXXXX)
. "$here/bench/lib.sh"
stop_servers() { for s in "$W"/state-*; do [ -d "$s" ] && "$app/bin/statectl" server stop --state-dir "$s" >/dev/null 2>&1; done; true; }
trap 'stop_servers; rm -rf "$W"' EXIT
sc() { "$app/bin/statectl" "$@"; }


# The same 1,000 files for both tools: a Stow package, and a statectl host declaring each file.
mkdir -p "$W"/pkgs/dots/.config/app{00..19}/sub{0..4} "$W/cfg/hosts"
awk -v root="$W/pkgs/dots" -v host="$W/cfg/hosts/bench.toml" 'BEGIN{
  for (i = 0; i < 1000; i++) {
    rel = sprintf(".config/app%02d/sub%d/file%d.conf", i % 20, int(i / 20) % 5, int(i / 100))
    printf "key%d = %0" (100 + i * 7919 % 1000) "d\n", i, i > (root "/" rel); close(root "/" rel)
    printf "[files.\"%s\"]\nsource = \"../files/%s\"\n", rel, rel > host }}'
cp -a "$W/pkgs/dots" "$W/cfg/files"
sc --version >/dev/null   # the assembly's class-data archive, outside the timings

for ((r = 0; r < RUNS; r++)); do
  st="$W/state-$r"; hm="$W/home-$r"; sh="$W/stowhome-$r"; mkdir -p "$hm" "$sh"
  S=(stow -d "$W/pkgs" -t "$sh" --no-folding)
  # first use: alternate which tool goes first
  if ((r % 2)); then t stow "${S[@]}" dots; t first sc apply --config "$W/cfg" --host bench --home "$hm" --state-dir "$st"
  else t first sc apply --config "$W/cfg" --host bench --home "$hm" --state-dir "$st"; t stow "${S[@]}" dots; fi
  [ "$(find "$hm/.config" -type f -o -type l | wc -l)" -eq 1000 ]
  sc server stop --state-dir "$st" >/dev/null 2>&1 || true
  t afteridle sc generations --state-dir "$st"
  sc apply --config "$W/cfg" --host bench --home "$hm" --state-dir "$st" >/dev/null   # warms this server
  t again "${S[@]}" dots
  t noop sc apply --config "$W/cfg" --host bench --home "$hm" --state-dir "$st"
  t again "${S[@]}" dots
  t status sc status --home "$hm" --state-dir "$st"
  sleep 12   # idle: past the server's idle collection (5 s) and a native-heap trim (every 5 s)
  pid=$(cat "$st/server/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
    awk '/VmRSS/{printf "%.1f\n", $2/1024}' "/proc/$pid/status" >>"$W/rss.t"
  fi
  sc server stop --state-dir "$st" >/dev/null 2>&1 || true
done

printf '| workload (median of %d, one loop) | statectl | anchor | ratio |\n| --- | --- | --- | --- |\n' "$RUNS"
printf '| 1,000 dotfiles, first apply into a new state directory | %s s | Stow %s s | %s |\n' "$(median first)" "$(median stow)" "$(ratio first stow)"
printf '| first command after the server exited (generations) | %s s | — | — |\n' "$(median afteridle)"
printf '| 1,000 dotfiles, warm no-op apply | %s s | Stow no-op %s s | %s |\n' "$(median noop)" "$(median again)" "$(ratio noop again)"
printf '| warm status of 1,000 files | %s s | Stow no-op %s s | %s |\n' "$(median status)" "$(median again)" "$(ratio status again)"
[ -s "$W/rss.t" ] && printf '| resident server, idle after the warm commands | %s MB RSS | — | — |\n' "$(median rss)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
