#!/usr/bin/env bash
# Builds the sample hypervisors and their demo guests, then boots each under QEMU with its console on this
# terminal: the hypervisor runs its self-tests, then starts the C# demo guest as domain 1 (PVH on SVM for
# x86-64, EL1 under stage 2 for arm64), whose console lines appear prefixed with "(d1) ".
# Usage: scripts/demo.sh [hypervisor command-line words]   (default: "selftest guests")
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
xen_install_prerequisites

cmdline="${*:-selftest guests}"
# The boot-test project references both samples and every demo guest, so this one build makes them all.
dotnet build tests/Xen.Boot.Tests/Xen.Boot.Tests.csproj -c Release -nologo -v quiet

echo ">> x86-64: artifacts/images/x64/xen.elf (PVH) with guest Xen.Guest.Hello — console follows"
qemu-system-x86_64 -nodefaults -M q35 -cpu qemu64,+svm,+npt -m 256 -display none -serial stdio -monitor none \
  -no-reboot -net none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
  -kernel artifacts/images/x64/xen.elf -initrd artifacts/guests/x64/Xen.Guest.Hello.elf -append "$cmdline" \
  || echo ">> x86-64 exited with status $?"

echo ">> arm64: artifacts/images/arm64/Image (EL2) with guest Xen.Guest.ArmHello — console follows"
qemu-system-aarch64 -nodefaults -M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -m 256M -display none \
  -serial stdio -monitor none -no-reboot -semihosting-config enable=on,target=native \
  -kernel artifacts/images/arm64/Image -initrd artifacts/guests/arm64/Xen.Guest.ArmHello.Image \
  -append "$cmdline semihosting" || echo ">> arm64 exited with status $?"
