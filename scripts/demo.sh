#!/usr/bin/env bash
# Builds the sample hypervisors and boots them under QEMU with their console on this terminal.
# Usage: scripts/demo.sh [extra hypervisor command-line words]   (default: selftest)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
xen_install_prerequisites

cmdline="${*:-selftest}"
dotnet build samples/Xen.Sample.X86/Xen.Sample.X86.csproj -c Release -nologo -v quiet
echo ">> x86-64: booting artifacts/images/x64/xen.elf (PVH) — console follows"
qemu-system-x86_64 -nodefaults -M q35 -cpu qemu64,+svm,+npt -m 256 -display none -serial stdio -monitor none \
  -no-reboot -net none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
  -kernel artifacts/images/x64/xen.elf -append "$cmdline" || echo ">> x86-64 exited with status $?"
if [[ -f samples/Xen.Sample.Arm/Xen.Sample.Arm.csproj ]]; then
  dotnet build samples/Xen.Sample.Arm/Xen.Sample.Arm.csproj -c Release -nologo -v quiet
  echo ">> arm64: booting artifacts/images/arm64/Image (EL2) — console follows"
  qemu-system-aarch64 -nodefaults -M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -m 256M -display none \
    -serial stdio -monitor none -no-reboot -semihosting-config enable=on,target=native \
    -kernel artifacts/images/arm64/Image -append "$cmdline semihosting" || echo ">> arm64 exited with status $?"
fi
