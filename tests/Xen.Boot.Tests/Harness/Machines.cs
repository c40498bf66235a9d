// QEMU command lines for the four sample images. Kept in one place so boot tests, the README's demo
// command and people debugging by hand boot the same machines.
namespace Xen.Boot.Tests.Harness;

/// <summary>Builds QEMU invocations.</summary>
public static class Machines
{
    /// <summary>The x86 machine: q35, SVM with nested paging (what TCG emulates), isa-debug-exit for statuses.
    /// -nodefaults drops the default NIC and its iPXE option ROM (about 80 ms of the PVH boot).
    /// Single-threaded TCG: the vCPUs still interleave (SMP semantics, at translation-block granularity), but
    /// under QEMU 7.2's multi-threaded TCG a quarter to a half of two-CPU boots end in a host triple fault right
    /// after #VMEXIT (QEMU logs "Triple fault"; never seen in 60 single-threaded runs); see docs/architecture.md.</summary>
    public static IReadOnlyList<string> X86Base(int memoryMiB = 256, int cpus = 1) =>
    [
        "-accel", "tcg,thread=single", "-nodefaults", "-M", "q35", "-cpu", "qemu64,+svm,+npt", "-m", memoryMiB.ToString(), "-smp", cpus.ToString(),
        "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot", "-net", "none",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ];

    /// <summary>PVH boot of xen.elf with a command line.</summary>
    public static QemuSession StartX86Pvh(string commandLine) =>
        QemuSession.Start("qemu-system-x86_64", [.. X86Base(), "-kernel", Repository.Image("x64", "xen.elf"), "-append", commandLine]);

    /// <summary>PVH boot of xen.elf with a guest kernel as the PVH boot module (QEMU -initrd; hvm_start_info
    /// module 0), which the hypervisor boots as domain 1.</summary>
    public static QemuSession StartX86PvhWithGuest(string guestElf, string commandLine = "guests", int cpus = 1, int memoryMiB = 256) =>
        QemuSession.Start("qemu-system-x86_64",
            [.. X86Base(memoryMiB, cpus), "-kernel", Repository.Image("x64", "xen.elf"), "-initrd", guestElf, "-append", commandLine]);

    /// <summary>UEFI boot of xen.efi under OVMF from a FAT directory ESP; the command line goes through fw_cfg.</summary>
    public static QemuSession StartX86Efi(string commandLine, string scratch)
    {
        string esp = Path.Combine(scratch, "esp");
        Directory.CreateDirectory(Path.Combine(esp, "EFI", "BOOT"));
        File.Copy(Repository.Image("x64", "xen.efi"), Path.Combine(esp, "EFI", "BOOT", "BOOTX64.EFI"), overwrite: true);
        string vars = Path.Combine(scratch, "OVMF_VARS.fd");
        File.Copy(OvmfFile("OVMF_VARS_4M.fd", "OVMF_VARS.fd"), vars, overwrite: true);
        string code = OvmfFile("OVMF_CODE_4M.fd", "OVMF_CODE.fd");
        return QemuSession.Start("qemu-system-x86_64",
        [
            .. X86Base(),
            "-drive", $"if=pflash,format=raw,readonly=on,file={code}",
            "-drive", $"if=pflash,format=raw,file={vars}",
            "-drive", $"format=raw,file=fat:rw:{esp}",
            "-fw_cfg", $"name=opt/org.xensharp/cmdline,string={commandLine}",
        ]);
    }

    /// <summary>The Arm machine: virt with EL2 and GICv3, semihosting for exit statuses.</summary>
    public static IReadOnlyList<string> ArmBase(int memoryMiB = 256, int cpus = 1) =>
    [
        "-nodefaults", "-M", "virt,virtualization=on,gic-version=3", "-cpu", "cortex-a57", "-m", $"{memoryMiB}M", "-smp", cpus.ToString(),
        "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot", "-net", "none",
        "-semihosting-config", "enable=on,target=native",
    ];

    /// <summary>Boots an arm64 image (xen.elf or Image); `semihosting` lets a panic set the exit status.</summary>
    public static QemuSession StartArm(string image, string commandLine) =>
        QemuSession.Start("qemu-system-aarch64", [.. ArmBase(), "-kernel", Repository.Image("arm64", image), "-append", $"{commandLine} semihosting"]);

    /// <summary>Boots an arm64 hypervisor image that runs a boot domain (`guests`). With <paramref name="module"/>,
    /// the raw Image boot gets it as `-initrd` (QEMU lists it in the DTB's /chosen linux,initrd-start/end; it
    /// ignores -initrd for ELF kernels); without one the hypervisor runs its built-in smoke guest.</summary>
    public static QemuSession StartArmWithGuests(string image = "xen.elf", string? module = null, string commandLine = "guests") =>
        QemuSession.Start("qemu-system-aarch64",
            [.. ArmBase(), "-kernel", Repository.Image("arm64", image), .. module is null ? Array.Empty<string>() : ["-initrd", module],
             "-append", $"{commandLine} semihosting"]);

    /// <summary>Finds an executable on PATH.</summary>
    public static string? FindExecutable(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string OvmfFile(params string[] names)
    {
        foreach (string name in names)
        {
            string path = Path.Combine("/usr/share/OVMF", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("OVMF firmware not found in /usr/share/OVMF (apt-get install ovmf)");
    }
}
