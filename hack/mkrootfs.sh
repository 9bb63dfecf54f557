#!/usr/bin/env bash
# Builds the default image trees under rootfs/ from Debian's busybox-static.
# Output (rootfs/<image>/) is git-ignored. Idempotent: rebuilds only when busybox changed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bb=/bin/busybox
[ -x "$bb" ] || { echo "mkrootfs: $bb missing; run hack/install-deps.sh" >&2; exit 1; }

# The image's identity: sha256 over every file's path, mode and content hash, and link targets.
digest() {
  local tree=$1
  ( cd "$tree" && find . -path ./.skiff-digest -prune -o -printf '%p %m %y %l\n' | LC_ALL=C sort |
      while read -r p m y l; do
        if [ "$y" = f ]; then echo "$p $m $(sha256sum < "$p" | cut -d' ' -f1)"; else echo "$p $m $y $l"; fi
      done ) | sha256sum | awk '{print "sha256:" $1}' > "$tree/.skiff-digest"
}

build_busybox() {
  local dest=$1 stamp="$1/.skiff-image"
  local want; want="busybox 2 $(sha256sum "$bb" | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "mkrootfs: $dest up to date"; return
  fi
  local tmp; tmp=$(mktemp -d "$top/rootfs/.build.XXXXXX"); chmod 755 "$tmp"
  mkdir -p "$tmp"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,home,proc,sys,dev,run,var/log,var/tmp}
  chmod 1777 "$tmp/tmp" "$tmp/var/tmp"
  cp "$bb" "$tmp/bin/busybox"
  # One link per applet busybox offers, in the directory busybox itself names.
  "$bb" --list-full | while read -r applet; do
    [ "$applet" = "bin/busybox" ] && continue
    mkdir -p "$tmp/$(dirname "$applet")"
    ln -sf /bin/busybox "$tmp/$applet"
  done
  cat > "$tmp/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
P
  cat > "$tmp/etc/group" <<'G'
root:x:0:
daemon:x:1:
tty:x:5:
nogroup:x:65534:
G
  echo "hosts: files dns" > "$tmp/etc/nsswitch.conf"
  : > "$tmp/etc/hosts"; : > "$tmp/etc/resolv.conf"; echo busybox > "$tmp/etc/hostname"
  echo "$want" > "$tmp/.skiff-image"
  echo '["sh"]' > "$tmp/.skiff-cmd"
  digest "$tmp"
  rm -rf "$dest"; mv "$tmp" "$dest"
  echo "mkrootfs: built $dest ($(ls "$dest/bin" | wc -l) entries in /bin)"
}

# The pod sandbox image: one static binary, /pause, from rootfs/pause.c.
build_pause() {
  local dest=$1 src="$top/rootfs/pause.c"
  local want; want="pause 2 $(sha256sum "$src" | cut -c1-16)"
  if [ -f "$dest/.skiff-image" ] && [ "$(cat "$dest/.skiff-image")" = "$want" ]; then
    echo "mkrootfs: $dest up to date"; return
  fi
  local tmp; tmp=$(mktemp -d "$top/rootfs/.build.XXXXXX"); chmod 755 "$tmp"
  mkdir -p "$tmp"/{dev,proc,sys,etc}
  cc -static -Os -s -o "$tmp/pause" "$src"
  echo "$want" > "$tmp/.skiff-image"
  echo '["/pause"]' > "$tmp/.skiff-cmd"
  digest "$tmp"
  rm -rf "$dest"; mv "$tmp" "$dest"
  echo "mkrootfs: built $dest ($(stat -c %s "$dest/pause") bytes)"
}

mkdir -p "$top/rootfs"
build_busybox "$top/rootfs/busybox"
build_pause "$top/rootfs/pause"
