// QEMU command lines for the arm64 UEFI (SBBR) boot: EDK2's QEMU_EFI.fd (Debian qemu-efi-aarch64) as the
// machine's -bios, xen.efi as the removable-media boot file EFI/BOOT/BOOTAA64.EFI on a FAT directory drive,
// the command line through fw_cfg (opt/org.xensharp/cmdline, as for OVMF on x86). virtualization=on makes
// QEMU start the firmware at EL2, which then enters the application at EL2.
namespace Xen.Boot.Tests.Harness;

/// <summary>Starts arm64 UEFI boots.</summary>
public static class ArmUefi
{
    /// <summary>The firmware image, or null when qemu-efi-aarch64 is not installed.</summary>
    public static string? Firmware => File.Exists("/usr/share/qemu-efi-aarch64/QEMU_EFI.fd") ? "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd" : null;

    /// <summary>Why an arm64 UEFI boot test cannot run here, or null.</summary>
    public static string? MissingPrerequisite =>
        Machines.FindExecutable("qemu-system-aarch64") is null ? "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm)"
        : Firmware is null ? "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd is missing (apt-get install qemu-efi-aarch64)"
        : null;

    /// <summary>Boots xen.efi under EDK2 with <paramref name="cpus"/> CPUs; <paramref name="el2"/> = false leaves
    /// out virtualization=on (the firmware then runs, and enters us, at EL1).</summary>
    public static QemuSession Start(string commandLine, string scratch, int cpus = 1, bool el2 = true)
    {
        string esp = Path.Combine(scratch, "esp");
        Directory.CreateDirectory(Path.Combine(esp, "EFI", "BOOT"));
        File.Copy(Repository.Image("arm64", "xen.efi"), Path.Combine(esp, "EFI", "BOOT", "BOOTAA64.EFI"), overwrite: true);
        return QemuSession.Start("qemu-system-aarch64",
        [
            "-nodefaults", "-M", el2 ? "virt,virtualization=on,gic-version=3" : "virt,gic-version=3", "-cpu", "max",
            "-m", "1G", "-smp", cpus.ToString(), "-bios", Firmware!,
            "-drive", $"file=fat:rw:{esp},format=raw,if=virtio",
            "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot", "-net", "none",
            "-semihosting-config", "enable=on,target=native",
            "-fw_cfg", $"name=opt/org.xensharp/cmdline,string={commandLine}",
        ]);
    }
}

/// <summary>A [Fact] for arm64 UEFI boots: skipped with the reason when QEMU or the firmware is missing.</summary>
public sealed class ArmUefiFactAttribute : FactAttribute
{
    /// <summary>Checks the prerequisites.</summary>
    public ArmUefiFactAttribute() => Skip = ArmUefi.MissingPrerequisite;
}
