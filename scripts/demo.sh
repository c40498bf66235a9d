#!/usr/bin/env bash
# Builds the sample hypervisors and their demo guests, then boots each under QEMU with its console on this
# terminal: the hypervisor runs its self-tests, then starts the C# demo guests. x86-64: a boot bundle (cpio of
# the xl.cfg files in samples/Xen.Sample.X86/demo + the guest kernels) of four domains with two vCPUs each on
# two CPUs, PVH on SVM; arm64: a bundle (samples/Xen.Sample.Arm/demo) of a two-vCPU interrupt guest and a hello
# guest at EL1 under stage 2 with the vGICv3. Guest console lines are prefixed "(dN) ".
# Usage: scripts/demo.sh [hypervisor command-line words]   (default: "selftest guests")
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
xen_install_prerequisites

cmdline="${*:-selftest guests}"
# The boot-test project references both samples and every demo guest, so this one build makes them all.
dotnet build tests/Xen.Boot.Tests/Xen.Boot.Tests.csproj -c Release -nologo -v quiet

guests=artifacts/guests/x64
bundle=artifacts/bundles/x64-demo.cpio
mkdir -p artifacts/bundles
dotnet build tools/Xen.Bundle.Cli/Xen.Bundle.Cli.csproj -c Release -nologo -v quiet
dotnet tools/Xen.Bundle.Cli/bin/Release/net10.0/xen-bundle.dll create "$bundle" samples/Xen.Sample.X86/demo/*.cfg \
  grantshare.elf=$guests/Xen.Guest.GrantShare.elf timers.elf=$guests/Xen.Guest.Timers.elf hello.elf=$guests/Xen.Guest.Hello.elf
echo ">> x86-64: artifacts/images/x64/xen.elf (PVH, 2 CPUs) with the demo bundle $bundle — console follows"
qemu-system-x86_64 -accel tcg,thread=single -nodefaults -M q35 -cpu qemu64,+svm,+npt -smp 2 -m 1024 -display none -serial stdio -monitor none \
  -no-reboot -net none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
  -kernel artifacts/images/x64/xen.elf -initrd "$bundle" -append "$cmdline" \
  || echo ">> x86-64 exited with status $?"

armguests=artifacts/guests/arm64
armbundle=artifacts/bundles/arm64-demo.cpio
dotnet tools/Xen.Bundle.Cli/bin/Release/net10.0/xen-bundle.dll create "$armbundle" samples/Xen.Sample.Arm/demo/*.cfg \
  armtimers.img=$armguests/Xen.Guest.ArmTimers.Image armhello.img=$armguests/Xen.Guest.ArmHello.Image
echo ">> arm64: artifacts/images/arm64/Image (EL2) with the demo bundle $armbundle — console follows"
qemu-system-aarch64 -nodefaults -M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -m 256M -display none \
  -serial stdio -monitor none -no-reboot -semihosting-config enable=on,target=native \
  -kernel artifacts/images/arm64/Image -initrd "$armbundle" \
  -append "$cmdline semihosting" || echo ">> arm64 exited with status $?"
