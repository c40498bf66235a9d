#!/usr/bin/env bash
# Installs what the build and the tests need on Debian 12 when it is missing. Sourced by demo.sh and test.sh.
# apt packages: QEMU for both architectures, UEFI firmware (OVMF for x86, QEMU_EFI for arm64), the LLVM
# assembler/linker the image pipeline drives, Debian's xenstore clients for the interoperability tests, dtc to
# decompile the guest device trees we generate, and what scripts/fetch-debian-arm64-kernel.sh needs to fetch,
# verify and unpack Debian's arm64 kernel + busybox (curl, xz, cpio, gpgv with Debian's archive keyring).
set -euo pipefail

XEN_APT_PACKAGES=(qemu-system-x86 qemu-system-arm ovmf qemu-efi-aarch64 lld llvm xenstore-utils device-tree-compiler
  curl xz-utils cpio gpgv debian-archive-keyring)

xen_missing_packages() {
  local missing=()
  for p in "${XEN_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

xen_install_prerequisites() {
  local missing
  missing=$(xen_missing_packages)
  if [[ -n "${missing// /}" ]]; then
    echo ">> installing: $missing"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK (dotnet) is required; see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}
