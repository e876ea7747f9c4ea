# Shared timing helpers for the bench/ scripts (source it after setting W, the work directory).
#   t KEY CMD...   run CMD once, append its wall seconds to $W/KEY.t (stops the script on failure)
#   median KEY     the median of $W/KEY.t, 3 decimals
#   ratio A B      median(A) / median(B), e.g. "1.42x"
#   median_of      the median of numbers on stdin, 3 decimals (for scripts that keep arrays)
#   serve_cache D  `statectl cache serve D` on a free loopback port, in its own session (needs $app):
#                  sets serve_pid (kill -- -$serve_pid stops it) and url
# One copy, so every script computes medians and ratios the same way.

t() {
  local k=$1; shift; sync; local a=$EPOCHREALTIME
  "$@" >"$W/out" 2>"$W/err" || { cat "$W/out" "$W/err" >&2; exit 1; }
  awk -v a="$a" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}' >>"$W/$k.t"
}
median_of() { sort -n | awk '{x[NR]=$1} END{printf "%.3f", NR%2 ? x[(NR+1)/2] : (x[NR/2]+x[NR/2+1])/2}'; }
median() { median_of <"$W/$1.t"; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN{printf "%.2fx", a/b}'; }
serve_cache() {
  setsid "$app/bin/statectl" cache serve "$1" --listen 127.0.0.1:0 --state-dir "$W/srv" >/dev/null 2>"$W/serve.err" &
  serve_pid=$!
  for _ in $(seq 100); do grep -q 'http://127.0.0.1:[0-9]*' "$W/serve.err" && break; sleep 0.2; done
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$W/serve.err" | head -1)
  [ -n "$url" ] || { cat "$W/serve.err" >&2; exit 1; }
}
