#!/usr/bin/env bash
# deploy: issue 17's ssh connection sharing. One node (a real sshd on 127.0.0.1 in a private mount
# namespace, its state bind-mounted at the deployer's state path, as the e2e SshNode does), RUNS runs
# (default 3) in one loop, alternating: `statectl deploy` of a one-file change with the deploy's own
# ssh master (copy and activate share one login) vs the same with sshOptions ControlPath=none (every
# step logs in by itself; the confirmation always does). Medians, and their ratio.
# Needs root (unshare --mount), openssh-server/-client and the assembled CLI
# (`mvn -o -q -B package -DskipTests`). mvn verify does not run this.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${RUNS:-3}
app="$here/shell/target/app"
[ -x "$app/bin/statectl" ] || { echo "build the assembly first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/statectl-deploy.XXXXXX)
. "$here/bench/lib.sh"
sshd_pid=
cleanup() {
  [ -z "$sshd_pid" ] || kill "$sshd_pid" 2>/dev/null || true
  "$app/bin/statectl" server stop --state-dir "$W/deployer" >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$W"/{client,node/state,node/home,node/root,deployer,home,config/hosts,config/files}
ssh-keygen -q -t ed25519 -N '' -C bench -f "$W/client/id"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$W/node/host_key"
cp "$W/client/id.pub" "$W/node/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '%s\n' "Port $port" "ListenAddress 127.0.0.1" "HostKey $W/node/host_key" "PidFile $W/node/sshd.pid" \
  "AuthorizedKeysFile $W/node/authorized_keys" "PasswordAuthentication no" "KbdInteractiveAuthentication no" \
  "PermitRootLogin prohibit-password" "UsePAM no" "StrictModes no" >"$W/node/sshd_config"
echo "[127.0.0.1]:$port $(cat "$W/node/host_key.pub")" >"$W/client/known_hosts"
unshare --mount --propagation private sh -c "mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && mount --bind \
'$W/node/state' '$W/deployer' && exec /usr/sbin/sshd -D -e -f '$W/node/sshd_config'" 2>"$W/sshd.log" &
sshd_pid=$!
opts="\"-F\", \"/dev/null\", \"-i\", \"$W/client/id\", \"-o\", \"IdentitiesOnly=yes\", \"-o\", \"UserKnownHostsFile=$W/client/known_hosts\", \"-o\", \"GlobalKnownHostsFile=/dev/null\", \"-o\", \"LogLevel=ERROR\""
for i in $(seq 100); do
  ssh -F /dev/null -i "$W/client/id" -o IdentitiesOnly=yes -o UserKnownHostsFile="$W/client/known_hosts" \
    -o BatchMode=yes -p "$port" root@127.0.0.1 true 2>/dev/null && break
  sleep 0.1
done
node() {  # node NAME EXTRA-OPTIONS
  printf '[deploy.nodes.%s]\nhost = "web"\nhostname = "127.0.0.1"\nport = %s\nuser = "root"\nsshOptions = [%s%s]\nhome = "%s"\nroot = "%s"\nstatectl = "%s"\nconfirmTimeout = "30s"\n\n' \
    "$1" "$port" "$opts" "$2" "$W/node/home" "$W/node/root" "$app/bin/statectl"
}
printf '[files."motd"]\nsource = "../files/motd.txt"\n' >"$W/config/hosts/web.toml"
cp -r "$W/config" "$W/config-none"
node shared "" >"$W/config/deploy.toml"
node none ', "-o", "ControlPath=none"' >"$W/config-none/deploy.toml"
deploy() { env -i PATH="$PATH" HOME="$W/home" JAVA_HOME="${JAVA_HOME:-}" "$app/bin/statectl" deploy --config "$1" --state-dir "$W/deployer"; }
echo warm >"$W/config/files/motd.txt"; t warmup deploy "$W/config"
for r in $(seq "$RUNS"); do
  echo "shared $r" >"$W/config/files/motd.txt"; t shared deploy "$W/config"
  echo "none $r" >"$W/config-none/files/motd.txt"; t none deploy "$W/config-none"
done
echo "deploy of a one-file change to 1 node, medians of $RUNS:"
echo "  with the deploy's ssh master  $(median shared) s"
echo "  one login per step            $(median none) s"
echo "  ratio                         $(ratio shared none)"
