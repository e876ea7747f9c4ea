#!/usr/bin/env bash
# The README's test command (and CI's, through .ci/run): installs the OS tools the tests drive
# when it can (root with apt-get), says exactly what is missing when it cannot, runs the whole
# suite with `mvn -B verify`, and ends by printing every skipped test with its reason.
# With CI=true a missing tool stops the run before Maven starts, naming the package to install.
set -uo pipefail
cd "$(dirname "$0")"

# tool on PATH : Debian package that provides it
tools=(
  bwrap:bubblewrap            # sandboxed builds
  bash:bash zsh:zsh fish:fish # the home tests start real login shells
  git:git ssh:ssh-keygen:openssh-client
  sshd:openssh-server unshare:util-linux   # deploy: a real sshd per node on 127.0.0.1, in a mount namespace
  plistutil:libplist-utils python3:python3   # two independent plist parsers for the darwin adapter
  age:age-keygen:age           # secrets: interop tests with the real age CLI
  nix-store:nix-bin           # store add and the binary cache are checked against real Nix 2.8
  systemd-nspawn:systemd-container debootstrap:debootstrap zstd:zstd   # the booted systemd container
  systemd-analyze:systemd     # every rendered unit passes systemd-analyze verify
  groff:groff man:man-db       # issue 20: the man pages are checked with groff -ww and man -l
  chromium:chromium chromedriver:chromium-driver   # issue 20: the web view in headless Chromium
)

missing_packages() {
  local entry tool pkg
  for entry in "${tools[@]}"; do
    pkg="${entry##*:}"
    for tool in $(echo "${entry%:*}" | tr ':' ' '); do
      command -v "$tool" >/dev/null 2>&1 || { echo "$pkg"; break; }
    done
  done | sort -u
}

need=($(missing_packages))
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing ${need[*]}" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/tmp/statectl-test-apt.log 2>&1; then
    echo "test.sh: apt-get could not install ${need[*]} (log: /tmp/statectl-test-apt.log)" >&2
  fi
  need=($(missing_packages))
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: missing tools; install them with: apt-get install -y --no-install-recommends ${need[*]}" >&2
  if [ "${CI:-}" = true ]; then
    echo "test.sh: CI=true does not allow skipping the tests that need them" >&2
    exit 1
  fi
  echo "test.sh: going on; the tests that need them are skipped (listed at the end)" >&2
fi

mvn -B verify "$@"
rc=$?

# Every skipped test of this run, from the Surefire reports, so that a skip is never silent.
python3 - <<'PY' 2>/dev/null || true
import glob, xml.etree.ElementTree as ET
skips = []
for f in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True):
    for case in ET.parse(f).getroot().iter("testcase"):
        s = case.find("skipped")
        if s is not None:
            skips.append("%s.%s: %s" % (case.get("classname"), case.get("name"), (s.get("message") or "").strip()))
print("test.sh: %d test(s) skipped" % len(skips))
for line in sorted(set(skips)):
    print("  skipped " + line)
PY
exit $rc
