#!/usr/bin/env bash
# Unpacks Debian trixie's Neovim (0.10.4) into DIR (default /tmp/nvim-trixie) without installing anything:
# the .debs of Neovim, its libraries and trixie's libc are fetched with apt from a private sources list
# (the system's apt setup is untouched), unpacked with dpkg -x, and DIR/bin/nvim runs the binary through
# trixie's own loader (it needs glibc 2.38; bookworm has 2.36). Then:
#   PATH=DIR/bin:$PATH npx mocha --no-config -n import=tsx --extension ts --timeout 60000 test/clients/neovim.test.ts
# Debian's packages only; opt-in, not part of `npx mocha` nor of CI.
set -euo pipefail
DIR=${1:-/tmp/nvim-trixie}
mkdir -p "$DIR/apt/lists/partial" "$DIR/apt/cache/archives/partial" "$DIR/debs" "$DIR/root" "$DIR/bin"
echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' > "$DIR/apt/sources.list"
O=(-o "Dir::Etc::sourcelist=$DIR/apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent -o "Dir::State::Lists=$DIR/apt/lists" -o "Dir::Cache=$DIR/apt/cache")
apt-get "${O[@]}" update -qq
cd "$DIR/debs"
apt-get "${O[@]}" download -qq neovim neovim-runtime libluajit-5.1-2 libluajit-5.1-common libmsgpack-c2 libtree-sitter0.22 \
  libunibilium4 libuv1t64 libvterm0 lua-lpeg lua-luv libutf8proc3 libc6 libgcc-s1
for deb in *.deb; do dpkg -x "$deb" "$DIR/root"; done
cat > "$DIR/bin/nvim" <<WRAP
#!/bin/sh
export VIMRUNTIME=$DIR/root/usr/share/nvim/runtime
exec $DIR/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path $DIR/root/usr/lib/x86_64-linux-gnu:$DIR/root/lib/x86_64-linux-gnu $DIR/root/usr/bin/nvim "\$@"
WRAP
chmod +x "$DIR/bin/nvim"
"$DIR/bin/nvim" --version | head -1
