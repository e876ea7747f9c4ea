#!/usr/bin/env bash
# services: issue 15's benchmark, inside one booted systemd container (Debian bookworm in
# systemd-nspawn, the same cached rootfs as the e2e BootedContainer), RUNS rounds (default 3),
# alternating in each round:
#   start50   `statectl apply` of a machine that adds 50 services (from one without them)
#   anchor50  the same 50 unit files written to /run/systemd/system, one daemon-reload and one
#             `systemctl start` of all 50 (what apply does at the least: render, reload, start)
#   noop50    a no-op `statectl apply` of the 50-service machine
#   noop0     a no-op `statectl apply` of the same machine without services
# Goals: start50/anchor50 <= 1.5x, noop50/noop0 <= 1.2x. statectl runs as it does inside a
# container today: in-process (STATECTL_NO_SERVER=1, a fresh JVM per command); SERVER=1 lets the
# resident server run the applies instead (its first, cold apply is not timed).
# Needs root, systemd-container, zstd, the cached rootfs (/var/cache/statectl-test, made by the
# e2e tests) and the assembled CLI (`mvn -o -q -B package -DskipTests`). mvn verify does not run this.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}
N=${N:-50}
app="$here/shell/target/app"
tarball=/var/cache/statectl-test/bookworm-systemd.tar.zst
[ -x "$app/bin/statectl" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
[ -f "$tarball" ] || { echo "no cached rootfs $tarball: run SystemdServicesEndToEndTest once" >&2; exit 1; }
W=$(mktemp -d /tmp/statectl-services.XXXXXX)
. "$here/bench/lib.sh"
leader=
groups=()
cleanup() {
  if [ -n "$leader" ]; then
    kill -s RTMIN+4 "$leader" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$leader" 2>/dev/null || break; sleep 0.1; done
  fi
  umount "$W/root" 2>/dev/null || true
  for g in "${groups[@]}"; do rmdir "$g" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT

mkdir -p "$W"/{lower,upper,work,root,shared/on/hosts,shared/off/hosts}
zstd -q -d -c "$tarball" | tar --numeric-owner -x -C "$W/lower"
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
binds="--bind-ro=$java_home --bind-ro=$app:/opt/statectl --bind=$W/shared:/shared"
# Debian's JDK links its configuration into /etc (see BootedContainer.jdkConfigBinds)
for d in $(find "$java_home" -type l -exec readlink -f {} \; 2>/dev/null | grep '^/etc/' | xargs -r -n1 dirname | sort -u); do
  binds="$binds --bind-ro=$d"
done
enter=
for h in /sys/fs/cgroup/systemd /sys/fs/cgroup/unified; do
  [ -d "$h" ] || continue
  g="$h/statectl-bench-$$"; mkdir -p "$g"; groups+=("$g"); enter="$enter echo \$\$ > $g/cgroup.procs &&"
done
sh -c "$enter exec setsid systemd-nspawn -q -D $W/lower --overlay=$W/lower:$W/upper:/ -M bench$$ --register=no \
  --keep-unit --console=passive $binds -b" >"$W/nspawn.log" 2>&1 &
nspawn=$!
for _ in $(seq 200); do
  for c in $(pgrep -P "$nspawn" 2>/dev/null) $(pgrep -P "$(pgrep -P "$nspawn" | head -1)" 2>/dev/null); do
    [ "$(cat /proc/$c/comm 2>/dev/null)" = systemd ] && leader=$c
  done
  [ -n "$leader" ] && break
  sleep 0.05
done
[ -n "$leader" ] || { cat "$W/nspawn.log" >&2; exit 1; }
inside() {
  nsenter -t "$leader" -a env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 JAVA_HOME="$java_home" STATECTL_NO_SERVER="${no_server}" STATECTL_TIMINGS="${timings:-}" STATECTL_CDS=0 SYSTEMD_PAGER= "$@"
}
no_server=1; [ "${SERVER:-0}" = 1 ] && no_server=
for _ in $(seq 200); do
  s=$(inside systemctl is-system-running 2>/dev/null || true)
  [ "$s" = running ] || [ "$s" = degraded ] && break
  sleep 0.05
done

etc='[environment.etc."bench/bench.conf"]
text = "bench\n"'
{ echo "$etc"; for i in $(seq "$N"); do printf '\n[services.b%02d]\ncommand = ["/bin/sleep", "infinity"]\n' "$i"; done; } \
  >"$W/shared/on/hosts/box.toml"
echo "$etc" >"$W/shared/off/hosts/box.toml"
units=$(for i in $(seq "$N"); do printf 'a%02d.service ' "$i"; done)
cat >"$W/shared/anchor.sh" <<EOF
#!/bin/sh
set -e
for u in $units; do printf '[Service]\nExecStart=/bin/sleep infinity\n' > /run/systemd/system/\$u; done
systemctl daemon-reload
systemctl start $units
EOF
cat >"$W/shared/unanchor.sh" <<EOF
#!/bin/sh
systemctl stop $units
for u in $units; do rm -f /run/systemd/system/\$u; done
systemctl daemon-reload
EOF
apply() { inside /opt/statectl/bin/statectl apply --config "/shared/$1" --host box --state-dir /var/lib/statectl; }
apply off >/dev/null 2>&1   # generation 1, without services (and, with SERVER=1, the server's cold start)
apply on >/dev/null 2>&1 && apply off >/dev/null 2>&1
for r in $(seq "$RUNS"); do
  t start50 apply on
  [ "$(inside systemctl show -p ActiveState --value b01.service)" = active ] || { echo "b01 not active" >&2; exit 1; }
  t noop50 apply on
  apply off >/dev/null 2>&1
  t noop0 apply off
  t anchor50 inside sh /shared/anchor.sh
  [ "$(inside systemctl show -p ActiveState --value a01.service)" = active ] || { echo "a01 not active" >&2; exit 1; }
  inside sh /shared/unanchor.sh >/dev/null 2>&1
done
if [ "${TIMINGS:-0}" = 1 ]; then   # one more start50 with its phases (STATECTL_TIMINGS) on stderr
  apply off >/dev/null 2>&1; timings=1 apply on >/dev/null 2>"$W/phases" || true; cat "$W/phases" >&2
fi
mode=in-process; [ -z "$no_server" ] && mode=server
echo "services ($N units, $RUNS rounds, statectl $mode, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-10s %8s s\n' start50 "$(median start50)" anchor50 "$(median anchor50)" noop50 "$(median noop50)" noop0 "$(median noop0)"
echo "start50/anchor50 $(ratio start50 anchor50) (goal <= 1.5x)   noop50/noop0 $(ratio noop50 noop0) (goal <= 1.2x)"
