// The ACPI reader against the real tables QEMU builds for virt (hw/arm/virt-acpi-build.c) and EDK2 installs:
// QEMU runs the firmware (no boot disk; the tables are installed during DXE, before the boot manager), the
// monitor's `pmemsave` dumps guest RAM, the test finds the RSDP in the dump and reads it with AcpiTables —
// then corrupts the real tables at random to show the reader also survives them garbled.
using System.Diagnostics;
using System.Text;
using Xen.Arch.Arm.Acpi;

namespace Xen.Arch.Arm.Tests.Acpi;

public sealed class QemuAcpiDumpTests : IDisposable
{
    private const string Firmware = "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd";
    private const ulong RamBase = 0x40000000;
    private const int RamMiB = 256;
    private readonly string _scratch = Directory.CreateTempSubdirectory("xen-acpi-dump-").FullName;

    [QemuUefiFact]
    public async Task Real_qemu_virt_tables_are_read_and_survive_corruption()
    {
        (byte[] ram, ulong rsdp) = await DumpRamWithTablesAsync();
        AssertQemuVirtTables(ram, rsdp);
    }

    private static unsafe void AssertQemuVirtTables(byte[] ram, ulong rsdp)
    {
        Assert.Equal(AcpiStatus.Ok, AcpiTableBuilder.Read(ram, RamBase, rsdp, out AcpiPlatform p));
        Assert.Equal(2, p.RsdpRevision);
        Assert.Equal(0x205348434F42UL, p.OemId); // "BOCHS "
        Assert.Equal(3, p.GicVersion);
        Assert.Equal(0x08000000UL, p.GicdBase);
        Assert.Equal(1, p.GicrRanges);
        Assert.Equal(0x080A0000UL, p.GicrBase[0]);
        Assert.Equal(2, p.CpuCount);
        Assert.Equal(0UL, p.Mpidr[0]);
        Assert.Equal(1UL, p.Mpidr[1]);
        Assert.Equal((29U, 30U, 27U, 26U), (p.SecureEl1TimerGsiv, p.El1TimerGsiv, p.VirtualTimerGsiv, p.El2TimerGsiv));
        Assert.True(p.HasSpcr);
        Assert.Equal((byte)3, p.ConsoleType);
        Assert.Equal(0x09000000UL, p.ConsoleBase);
        Assert.Equal(33U, p.ConsoleGsiv);

        // Corrupt the tables: a window from the lowest to the highest of RSDP, XSDT and the XSDT's tables
        // (+ 64 KiB for the last one), read through a memory view of just that window.
        ulong low = Math.Min(rsdp, p.Xsdt), high = Math.Max(rsdp, p.Xsdt);
        int xsdt = (int)(p.Xsdt - RamBase);
        for (int i = 0; i < p.TableCount; i++)
        {
            ulong table = BitConverter.ToUInt64(ram, xsdt + 36 + 8 * i);
            low = Math.Min(low, table);
            high = Math.Max(high, table);
        }
        int start = (int)(low - RamBase) & ~0xFFF;
        int end = (int)Math.Min((ulong)ram.Length, high - RamBase + 0x10000);
        byte[] window = ram.AsSpan(start, end - start).ToArray();
        ulong windowBase = RamBase + (ulong)start;
        Assert.Equal(AcpiStatus.Ok, AcpiTableBuilder.Read(window, windowBase, rsdp, out _));
        var random = new Random(99);
        for (int round = 0; round < 5000; round++)
        {
            byte[] copy = (byte[])window.Clone();
            for (int i = random.Next(1, 8); i > 0; i--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
            AcpiStatus status = AcpiTableBuilder.Read(copy, windowBase, rsdp, out _);
            Assert.True(Enum.IsDefined(status));
        }
    }

    /// <summary>Boots the firmware and dumps guest RAM through the monitor until it holds a valid RSDP.</summary>
    private async Task<(byte[] Ram, ulong Rsdp)> DumpRamWithTablesAsync()
    {
        var info = new ProcessStartInfo(QemuAarch64FactAttribute.Find()!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     "-nodefaults", "-M", "virt,virtualization=on,gic-version=3", "-cpu", "max", "-smp", "2", "-m", $"{RamMiB}M",
                     "-bios", Firmware, "-display", "none", "-serial", "none", "-monitor", "stdio", "-net", "none", "-no-reboot",
                 })
            info.ArgumentList.Add(a);
        using Process qemu = Process.Start(info)!;
        var monitor = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await qemu.StandardOutput.ReadAsync(buffer)) > 0) lock (monitor) monitor.Append(buffer, 0, n);
        });
        try
        {
            var clock = Stopwatch.StartNew();
            for (int attempt = 0; clock.Elapsed < TimeSpan.FromSeconds(120); attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt == 0 ? 3 : 1));
                string file = Path.Combine(_scratch, $"ram{attempt}.bin");
                int prompts = Prompts(monitor);
                await qemu.StandardInput.WriteAsync($"pmemsave 0x{RamBase:x} 0x{RamMiB << 20:x} \"{file}\"\n");
                await qemu.StandardInput.FlushAsync();
                while (Prompts(monitor) <= prompts && clock.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(50);
                if (!File.Exists(file)) continue;
                byte[] ram = await File.ReadAllBytesAsync(file);
                File.Delete(file);
                ulong rsdp = FindRsdp(ram);
                if (rsdp != 0 && AcpiTableBuilder.Read(ram, RamBase, rsdp, out _) == AcpiStatus.Ok) return (ram, rsdp);
            }
            lock (monitor) throw new Xunit.Sdk.XunitException($"no valid RSDP in guest RAM within 120 s; monitor:\n{monitor}");
        }
        finally
        {
            if (!qemu.HasExited) qemu.Kill(entireProcessTree: true);
            await qemu.WaitForExitAsync();
        }
    }

    private static int Prompts(StringBuilder monitor)
    {
        lock (monitor)
        {
            string text = monitor.ToString();
            int count = 0;
            for (int at = text.IndexOf("(qemu)", StringComparison.Ordinal); at >= 0; at = text.IndexOf("(qemu)", at + 1, StringComparison.Ordinal)) count++;
            return count;
        }
    }

    /// <summary>The first "RSD PTR " with a valid checksum. Only the legacy BIOS search needs a 16-byte boundary
    /// (ACPI 6.5 §5.2.5.1); on UEFI the configuration table points at it, and EDK2 puts it at an 8-byte one.</summary>
    private static ulong FindRsdp(byte[] ram)
    {
        ReadOnlySpan<byte> signature = "RSD PTR "u8;
        for (int at = 0; at + 36 <= ram.Length; at += 8)
        {
            if (!ram.AsSpan(at, 8).SequenceEqual(signature)) continue;
            byte sum = 0;
            for (int i = 0; i < 20; i++) sum += ram[at + i];
            if (sum == 0) return RamBase + (ulong)at;
        }
        return 0;
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A [Fact] needing qemu-system-aarch64 and EDK2's QEMU_EFI.fd; skipped with the reason otherwise.</summary>
public sealed class QemuUefiFactAttribute : FactAttribute
{
    public QemuUefiFactAttribute()
    {
        if (QemuAarch64FactAttribute.Find() is null) Skip = "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm)";
        else if (!File.Exists("/usr/share/qemu-efi-aarch64/QEMU_EFI.fd")) Skip = "QEMU_EFI.fd is missing (apt-get install qemu-efi-aarch64)";
    }
}
