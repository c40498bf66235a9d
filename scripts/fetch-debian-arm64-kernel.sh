#!/usr/bin/env bash
# Fetches the unmodified Debian arm64 Linux guest used by the Arm acceptance tests and builds its initramfs.
# Nothing here is committed: everything lands under artifacts/ (git-ignored).
#
#   artifacts/downloads/debian-arm64/          cached InRelease, Packages.xz and the two .deb files
#   artifacts/guests/arm64/linux/Image          the raw arm64 kernel Image (magic "ARM\x64" at offset 56)
#   artifacts/guests/arm64/linux/initramfs.cpio.gz
#                                               cpio newc + gzip: busybox-static and an /init that mounts
#                                               proc/sys/devtmpfs, prints a marker line and runs a shell
#   artifacts/guests/arm64/linux/VERSION        "<kernel package> <version>"
#
# How: the bookworm arm64 Packages index (verified against the InRelease file, whose signature gpgv checks
# with debian-archive-keyring when present) names the package the metapackage linux-image-arm64 depends on;
# each .deb is checked against the index's SHA256. vmlinuz is a gzip-compressed Image on bookworm; an EFI
# zboot image ("MZ" + "zimg") is unpacked too. Idempotent: a second run with everything cached only checks
# the outputs (set XEN_DEBIAN_REFRESH=1 to re-read the index). Prints one line per step; exits non-zero with
# the reason when a download or check fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIRROR="${XEN_DEBIAN_MIRROR:-https://deb.debian.org/debian}"
SUITE=bookworm
CACHE="$ROOT/artifacts/downloads/debian-arm64"
OUT="$ROOT/artifacts/guests/arm64/linux"
mkdir -p "$CACHE" "$OUT"

say() { echo "fetch-debian-arm64: $*"; }
fail() { echo "fetch-debian-arm64: error: $*" >&2; exit 1; }

# Bumped whenever /init below changes, so cached outputs are rebuilt.
INITRAMFS_REV=2

# Quick path: outputs exist and were built from the cached packages with this /init.
if [[ "${XEN_DEBIAN_REFRESH:-0}" != 1 && -s "$OUT/Image" && -s "$OUT/initramfs.cpio.gz" && -s "$OUT/VERSION" \
      && "$(cat "$OUT/INITRAMFS_REV" 2>/dev/null)" == "$INITRAMFS_REV" ]]; then
  say "cached: $(cat "$OUT/VERSION") ($OUT)"
  exit 0
fi

download() { # url file
  curl -fsSL --retry 3 --connect-timeout 20 -o "$2.part" "$1" || { rm -f "$2.part"; fail "download failed: $1"; }
  mv "$2.part" "$2"
}

# 1. The index: InRelease (signed) → SHA256 of main/binary-arm64/Packages.xz → Packages.
download "$MIRROR/dists/$SUITE/InRelease" "$CACHE/InRelease"
if command -v gpgv >/dev/null && [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]]; then
  gpgv --keyring /usr/share/keyrings/debian-archive-keyring.gpg "$CACHE/InRelease" 2>/dev/null \
    || fail "InRelease signature does not verify against debian-archive-keyring"
  say "InRelease signature verified"
else
  say "warning: gpgv or debian-archive-keyring missing; InRelease signature not checked"
fi
index_sha=$(awk '/^SHA256:/{s=1;next} /^[^ ]/{s=0} s && $3=="main/binary-arm64/Packages.xz"{print $1}' "$CACHE/InRelease")
[[ -n "$index_sha" ]] || fail "InRelease lists no main/binary-arm64/Packages.xz"
if [[ ! -f "$CACHE/Packages.xz" ]] || ! echo "$index_sha  $CACHE/Packages.xz" | sha256sum -c --status; then
  download "$MIRROR/dists/$SUITE/main/binary-arm64/Packages.xz" "$CACHE/Packages.xz"
  echo "$index_sha  $CACHE/Packages.xz" | sha256sum -c --status || fail "Packages.xz does not match InRelease's SHA256"
fi
xz -dc "$CACHE/Packages.xz" > "$CACHE/Packages"

field() { # package field → value from the Packages stanza
  awk -v pkg="$1" -v fld="$2" 'BEGIN{RS=""; FS="\n"}
    { name=""; val="";
      for (i = 1; i <= NF; i++) {
        if ($i ~ "^Package: ") name = substr($i, 10);
        if (index($i, fld ": ") == 1) val = substr($i, length(fld) + 3);
      }
      if (name == pkg) { print val; exit } }' "$CACHE/Packages"
}

# 2. linux-image-arm64 (metapackage) → Depends: linux-image-<abi>-arm64 (= <version>).
kernel_pkg=$(field linux-image-arm64 Depends | tr ',' '\n' | sed -E 's/^ *//; s/ .*//' | grep -E '^linux-image-[0-9].*-arm64$' | head -n1)
[[ -n "$kernel_pkg" ]] || fail "could not resolve linux-image-arm64's Depends in the Packages index"
kernel_version=$(field "$kernel_pkg" Version)
say "kernel package $kernel_pkg $kernel_version"

fetch_deb() { # package → path of the verified .deb
  local pkg=$1 file sha deb
  file=$(field "$pkg" Filename); sha=$(field "$pkg" SHA256)
  [[ -n "$file" && -n "$sha" ]] || fail "package $pkg not in the index"
  deb="$CACHE/$(basename "$file")"
  if [[ ! -f "$deb" ]] || ! echo "$sha  $deb" | sha256sum -c --status; then
    say "downloading $(basename "$file")" >&2
    download "$MIRROR/$file" "$deb"
    echo "$sha  $deb" | sha256sum -c --status || fail "$(basename "$deb"): SHA256 mismatch"
  fi
  echo "$deb"
}
kernel_deb=$(fetch_deb "$kernel_pkg")
busybox_deb=$(fetch_deb busybox-static)
say "verified $(basename "$kernel_deb") and $(basename "$busybox_deb")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 3. vmlinuz → raw Image.
dpkg-deb --fsys-tarfile "$kernel_deb" | tar -x -C "$work" --wildcards './boot/vmlinuz-*'
vmlinuz=$(ls "$work"/boot/vmlinuz-* | head -n1)
magic=$(head -c 2 "$vmlinuz" | od -An -tx1 | tr -d ' \n')
if [[ "$magic" == 1f8b ]]; then
  gzip -dc "$vmlinuz" > "$work/Image"
elif [[ "$magic" == 4d5a && "$(dd if="$vmlinuz" bs=1 skip=4 count=4 2>/dev/null)" == zimg ]]; then
  # EFI zboot (Linux drivers/firmware/efi/libstub/zboot-header.S): payload offset/size at 8/12 (LE32),
  # compression name at 24.
  off=$(od -An -tu4 -j8 -N4 "$vmlinuz" | tr -d ' '); size=$(od -An -tu4 -j12 -N4 "$vmlinuz" | tr -d ' ')
  comp=$(dd if="$vmlinuz" bs=1 skip=24 count=8 2>/dev/null | tr -d '\0')
  dd if="$vmlinuz" bs=1M iflag=skip_bytes,count_bytes skip="$off" count="$size" status=none > "$work/payload"
  case "$comp" in
    gzip) gzip -dc "$work/payload" > "$work/Image" ;;
    zstd|zstd22) zstd -dcq "$work/payload" > "$work/Image" ;;
    xz) xz -dc "$work/payload" > "$work/Image" ;;
    *) fail "EFI zboot image with unsupported compression '$comp'" ;;
  esac
else
  cp "$vmlinuz" "$work/Image"
fi
[[ "$(dd if="$work/Image" bs=1 skip=56 count=4 2>/dev/null)" == $'ARM\x64' ]] \
  || fail "$(basename "$vmlinuz") did not yield an arm64 Image (no ARM\\x64 magic at offset 56)"

# 4. initramfs: busybox-static + /init.
root="$work/root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root}
dpkg-deb --fsys-tarfile "$busybox_deb" | tar -x -C "$work" ./bin/busybox
cp "$work/bin/busybox" "$root/bin/busybox"
cat > "$root/init" <<'EOF'
#!/bin/busybox sh
# Xen# test initramfs: minimal userspace for the Debian arm64 guest.
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# The kernel hands init /dev/console as fds 0-2 only if it could open it ("unable to open an initial
# console" otherwise): (re)open the first console that works, or say so in the kernel log and power off
# instead of letting init exit (a kernel panic).
console=
for c in /dev/console /dev/ttyAMA0 /dev/hvc0; do
  if (exec 0<>"$c") 2>/dev/null; then console=$c; break; fi
done
if [ -z "$console" ]; then
  echo "xensharp-initramfs: no console could be opened (/dev/console, ttyAMA0, hvc0)" > /dev/kmsg
  poweroff -f
fi
exec 0<>"$console" 1>&0 2>&0
echo "xensharp-initramfs: linux $(uname -r) $(uname -m), $(grep -c ^processor /proc/cpuinfo) cpus, up $(cut -d' ' -f1 /proc/uptime) s"
export PS1='xensharp# ' HOME=/root
cd /root
echo "xensharp-initramfs: shell ready"
# init must not exit: restart the shell if it ends (EOF on the console).
while :; do
  setsid cttyhack sh
  echo "xensharp-initramfs: shell exited, restarting"
  sleep 1
done
EOF
chmod 755 "$root/init" "$root/bin/busybox"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9n > "$work/initramfs.cpio.gz"

mv "$work/Image" "$OUT/Image"
mv "$work/initramfs.cpio.gz" "$OUT/initramfs.cpio.gz"
echo "$kernel_pkg $kernel_version" > "$OUT/VERSION"
echo "$INITRAMFS_REV" > "$OUT/INITRAMFS_REV"
say "built $OUT/Image ($(stat -c %s "$OUT/Image") bytes) and initramfs.cpio.gz ($(stat -c %s "$OUT/initramfs.cpio.gz") bytes)"
