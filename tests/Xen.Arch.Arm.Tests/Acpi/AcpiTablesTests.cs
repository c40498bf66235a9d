// The ACPI reader against hand-built tables (QEMU virt's values) and against each kind of defect: every
// malformed input must end in a status, never an exception or a read outside the tables.
using Xen.Arch.Arm.Acpi;

namespace Xen.Arch.Arm.Tests.Acpi;

public sealed unsafe class AcpiTablesTests
{
    [Fact]
    public void Qemu_virt_tables_yield_gic_cpus_timers_and_console()
    {
        var b = AcpiTableBuilder.QemuVirt(cpus: 2);
        Assert.Equal(AcpiStatus.Ok, b.Read(out AcpiPlatform p));
        Assert.Equal(2, p.RsdpRevision);
        Assert.Equal("BOCHS ", OemId(p.OemId));
        Assert.Equal(b.Address(AcpiTableBuilder.XsdtOffset), p.Xsdt);
        Assert.Equal(4, p.TableCount);
        Assert.Equal(3, p.GicVersion);
        Assert.Equal(0x08000000UL, p.GicdBase);
        Assert.Equal(1, p.GicrRanges);
        Assert.Equal(0x080A0000UL, p.GicrBase[0]);
        Assert.Equal(0xF60000U, p.GicrLength[0]);
        Assert.Equal(0x08080000UL, p.GicItsBase);
        Assert.Equal(2, p.CpuCount);
        Assert.Equal(0UL, p.Mpidr[0]);
        Assert.Equal(1UL, p.Mpidr[1]);
        Assert.Equal(25U, p.VgicMaintenanceGsiv);
        Assert.True(p.HasGtdt);
        Assert.Equal((29U, 30U, 27U, 26U, 28U), (p.SecureEl1TimerGsiv, p.El1TimerGsiv, p.VirtualTimerGsiv, p.El2TimerGsiv, p.VirtualEl2TimerGsiv));
        Assert.Equal(4U, p.VirtualTimerFlags);
        Assert.True(p.HasSpcr);
        Assert.Equal((byte)3, p.ConsoleType);
        Assert.Equal(0x09000000UL, p.ConsoleBase);
        Assert.Equal(33U, p.ConsoleGsiv);
        Assert.Equal(115200U, p.ConsoleBaud);
        Assert.Equal("PL011", AcpiLog.ConsoleTypeName(p.ConsoleType));
    }

    [Fact]
    public void Spcr_is_optional()
    {
        var b = AcpiTableBuilder.QemuVirt(withSpcr: false);
        Assert.Equal(AcpiStatus.Ok, b.Read(out AcpiPlatform p));
        Assert.False(p.HasSpcr);
        Assert.Equal(3, p.TableCount);
    }

    [Fact]
    public void Disabled_cpus_are_not_counted_and_mpidr_keeps_only_affinity_bits()
    {
        var b = AcpiTableBuilder.QemuVirt(cpus: 3);
        int gicc1 = AcpiTableBuilder.MadtOffset + 44 + 80;
        b.PatchU32(gicc1 + 12, 0);                                  // CPU 1 disabled, not online capable
        b.PatchU64(AcpiTableBuilder.MadtOffset + 44 + 160 + 68, 0x8000_0001_4101_0203UL); // Aff3 1, U and MT set, Aff2..0
        b.FixChecksum(AcpiTableBuilder.MadtOffset);
        Assert.Equal(AcpiStatus.Ok, b.Read(out AcpiPlatform p));
        Assert.Equal(2, p.CpuCount);
        Assert.Equal(0x01_0001_0203UL, p.Mpidr[1]);
    }

    [Theory]
    [InlineData("rsdp-signature", AcpiStatus.BadRsdpSignature)]
    [InlineData("rsdp-checksum", AcpiStatus.BadRsdpChecksum)]
    [InlineData("rsdp-extended-checksum", AcpiStatus.BadRsdpChecksum)]
    [InlineData("rsdp-acpi1", AcpiStatus.NoXsdt)]
    [InlineData("rsdp-zero-xsdt", AcpiStatus.NoXsdt)]
    [InlineData("rsdp-huge-length", AcpiStatus.BadLength)]
    [InlineData("xsdt-outside-memory", AcpiStatus.Unreadable)]
    [InlineData("xsdt-signature", AcpiStatus.BadXsdtSignature)]
    [InlineData("xsdt-checksum", AcpiStatus.BadChecksum)]
    [InlineData("xsdt-entry-wild", AcpiStatus.Unreadable)]
    [InlineData("madt-checksum", AcpiStatus.BadChecksum)]
    [InlineData("madt-short-length", AcpiStatus.BadLength)]
    [InlineData("madt-length-past-memory", AcpiStatus.Unreadable)]
    [InlineData("madt-length-huge", AcpiStatus.BadLength)]
    [InlineData("madt-entry-zero-length", AcpiStatus.BadMadtEntry)]
    [InlineData("madt-entry-past-table", AcpiStatus.BadMadtEntry)]
    [InlineData("madt-gicc-truncated", AcpiStatus.BadMadtEntry)]
    [InlineData("madt-no-gicd", AcpiStatus.NoGic)]
    [InlineData("madt-no-cpus", AcpiStatus.NoCpus)]
    [InlineData("gtdt-short", AcpiStatus.BadLength)]
    [InlineData("gtdt-missing", AcpiStatus.NoGtdt)]
    [InlineData("madt-missing", AcpiStatus.NoMadt)]
    public void Each_defect_is_reported_with_its_status(string defect, AcpiStatus expected)
    {
        var b = AcpiTableBuilder.QemuVirt();
        const int r = AcpiTableBuilder.RsdpOffset, x = AcpiTableBuilder.XsdtOffset, m = AcpiTableBuilder.MadtOffset, g = AcpiTableBuilder.GtdtOffset;
        switch (defect)
        {
            case "rsdp-signature": b.Memory[r] = (byte)'X'; b.FixRsdpChecksums(); break;
            case "rsdp-checksum": b.Memory[r + 8]++; break;
            case "rsdp-extended-checksum": b.Memory[r + 32]++; break;
            case "rsdp-acpi1": b.Memory[r + 15] = 0; b.FixRsdpChecksums(); break;
            case "rsdp-zero-xsdt": b.PatchU64(r + 24, 0); b.FixRsdpChecksums(); break;
            case "rsdp-huge-length": b.PatchU32(r + 20, 0x10000); b.FixRsdpChecksums(); break;
            case "xsdt-outside-memory": b.PatchU64(r + 24, 0xDEAD0000); b.FixRsdpChecksums(); break;
            case "xsdt-signature": b.Memory[x] = (byte)'R'; b.FixChecksum(x); break;
            case "xsdt-checksum": b.Memory[x + 40]++; break;
            case "xsdt-entry-wild": b.PatchU64(x + 36 + 8, ulong.MaxValue - 10); b.FixChecksum(x); break;
            case "madt-checksum": b.Memory[m + 50]++; break;
            case "madt-short-length": b.PatchU32(m + 4, 20); break;
            case "madt-length-past-memory": b.PatchU32(m + 4, 0x10000); break;
            case "madt-length-huge": b.PatchU32(m + 4, 0xFFFFFFF0); break;
            case "madt-entry-zero-length": b.Memory[m + 44 + 1] = 0; b.FixChecksum(m); break;
            case "madt-entry-past-table": b.Memory[m + 44 + 1] = 255; b.FixChecksum(m); break;
            case "madt-gicc-truncated": b.Memory[m + 44 + 1] = 60; b.FixChecksum(m); break;
            case "madt-no-gicd": b.Memory[m + 44 + 160] = 0x7F; b.FixChecksum(m); break;   // GICD retyped as unknown
            case "madt-no-cpus": b.PatchU32(m + 44 + 12, 0); b.PatchU32(m + 44 + 80 + 12, 0); b.FixChecksum(m); break;
            case "gtdt-short": b.PatchU32(g + 4, 64); b.FixChecksum(g); break;
            case "gtdt-missing": b.Memory[g] = (byte)'X'; b.FixChecksum(g); break;
            case "madt-missing": b.Memory[m] = (byte)'X'; b.FixChecksum(m); break;
        }
        Assert.Equal(expected, b.Read(out AcpiPlatform p));
        Assert.NotEqual("unknown ACPI status", AcpiStatusNames.Of(expected));
        if (defect.StartsWith("madt-") && expected is AcpiStatus.BadChecksum or AcpiStatus.BadLength or AcpiStatus.Unreadable)
        {
            Assert.Equal(AcpiTables.MadtSignature, p.FailedSignature);
            Assert.Equal(b.Address(m), p.FailedAddress);
        }
    }

    [Fact]
    public void Rsdp_outside_memory_is_unreadable()
    {
        var b = AcpiTableBuilder.QemuVirt();
        Assert.Equal(AcpiStatus.Unreadable, AcpiTableBuilder.Read(b.Memory, AcpiTableBuilder.Base, AcpiTableBuilder.Base + 0x0FF0, out _));
        Assert.Equal(AcpiStatus.Unreadable, AcpiTableBuilder.Read(b.Memory, AcpiTableBuilder.Base, 0, out _));
    }

    [Fact]
    public void Fuzzed_tables_never_throw_or_read_outside_memory()
    {
        // Random corruption of bytes and lengths; half the time the checksums are repaired so that the
        // structural checks behind them are reached too.
        var random = new Random(1234);
        var clean = AcpiTableBuilder.QemuVirt(cpus: 4);
        int ok = 0;
        for (int round = 0; round < 20000; round++)
        {
            var b = AcpiTableBuilder.QemuVirt(cpus: 4);
            int flips = random.Next(1, 6);
            for (int i = 0; i < flips; i++)
            {
                int region = random.Next(5);
                int start = region switch
                {
                    0 => AcpiTableBuilder.RsdpOffset,
                    1 => AcpiTableBuilder.XsdtOffset,
                    2 => AcpiTableBuilder.MadtOffset,
                    3 => AcpiTableBuilder.GtdtOffset,
                    _ => AcpiTableBuilder.SpcrOffset,
                };
                int span = region == 2 ? clean.MadtLength : 100;
                b.Memory[start + random.Next(span)] = (byte)random.Next(256);
            }
            if (random.Next(2) == 0)
            {
                b.FixRsdpChecksums();
                foreach (int t in new[] { AcpiTableBuilder.XsdtOffset, AcpiTableBuilder.MadtOffset, AcpiTableBuilder.GtdtOffset, AcpiTableBuilder.SpcrOffset })
                {
                    uint length = BitConverter.ToUInt32(b.Memory, t + 4);
                    if (length >= 10 && t + length <= b.Memory.Length) b.FixChecksum(t);
                }
            }
            AcpiStatus status = b.Read(out AcpiPlatform p);
            Assert.True(Enum.IsDefined(status));
            if (status == AcpiStatus.Ok)
            {
                ok++;
                Assert.True(p.CpuCount > 0 && p.GicdBase != 0 && p.HasGtdt);
            }
        }
        Assert.InRange(ok, 1, 19999);
    }

    private static string OemId(ulong id)
    {
        var chars = new char[6];
        for (int i = 0; i < 6; i++) chars[i] = (char)(byte)(id >> (8 * i));
        return new string(chars);
    }
}
