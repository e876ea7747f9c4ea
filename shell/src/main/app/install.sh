#!/bin/sh
# Installs this statectl distribution: ./install.sh --prefix DIR (default /usr/local).
# The application goes to DIR/lib/statectl, the launcher link to DIR/bin/statectl, man pages to
# DIR/share/man, completion scripts where bash, zsh and fish look for them under DIR/share.
# Needs only a JRE 17 or newer at run time (JAVA_HOME or java on PATH).
set -eu
prefix=/usr/local
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) echo "usage: install.sh [--prefix DIR]   (default /usr/local)"; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'; usage: install.sh [--prefix DIR]" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")" && pwd)"
app="$prefix/lib/statectl"
mkdir -p "$app" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/man/man5" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
rm -rf "$app/bin" "$app/lib" "$app/plugins" "$app/cds"
cp -R "$here/bin" "$here/lib" "$here/plugins" "$here/man" "$here/completion" "$here/examples" "$app/"
ln -sf "$app/bin/statectl" "$prefix/bin/statectl"
cp "$here"/man/man1/*.1 "$prefix/share/man/man1/"
cp "$here"/man/man5/*.5 "$prefix/share/man/man5/"
cp "$here/completion/statectl.bash" "$prefix/share/bash-completion/completions/statectl"
cp "$here/completion/_statectl" "$prefix/share/zsh/site-functions/_statectl"
cp "$here/completion/statectl.fish" "$prefix/share/fish/vendor_completions.d/statectl.fish"
echo "statectl installed under $prefix (run $prefix/bin/statectl --version)"
