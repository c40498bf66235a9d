// Builds ACPI tables in a byte array that stands for physical memory at a base address: RSDP, XSDT, MADT,
// GTDT, SPCR with the layouts of ACPI 6.5 §5.2 and QEMU virt's values (hw/arm/virt-acpi-build.c) by default.
// Tests change fields afterwards (Patch*) and may leave checksums wrong on purpose.
using System.Buffers.Binary;
using System.Text;
using Xen.Arch.Arm.Acpi;

namespace Xen.Arch.Arm.Tests.Acpi;

internal sealed class AcpiTableBuilder
{
    public const ulong Base = 0x7C430000;
    public const int RsdpOffset = 0x18, XsdtOffset = 0x100, MadtOffset = 0x400, GtdtOffset = 0x800, SpcrOffset = 0x900, DsdtOffset = 0xA00;

    public byte[] Memory { get; } = new byte[0x1000];
    public int MadtLength { get; private set; }

    public static AcpiTableBuilder QemuVirt(int cpus = 2, bool withSpcr = true)
    {
        var b = new AcpiTableBuilder();
        b.WriteRsdp();
        b.WriteMadt(cpus);
        b.WriteGtdt();
        if (withSpcr) b.WriteSpcr();
        b.WriteTable(DsdtOffset, "DSDT", 40, 2);
        var tables = new List<int> { DsdtOffset, MadtOffset, GtdtOffset };
        if (withSpcr) tables.Add(SpcrOffset);
        b.WriteXsdt(tables);
        return b;
    }

    public ulong Address(int offset) => Base + (ulong)offset;

    private void WriteRsdp()
    {
        Span<byte> r = Memory.AsSpan(RsdpOffset, 36);
        Encoding.ASCII.GetBytes("RSD PTR ").CopyTo(r);
        Encoding.ASCII.GetBytes("BOCHS ").CopyTo(r[9..]);
        r[15] = 2;
        BinaryPrimitives.WriteUInt32LittleEndian(r[16..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(r[20..], 36);
        BinaryPrimitives.WriteUInt64LittleEndian(r[24..], Address(XsdtOffset));
        FixRsdpChecksums();
    }

    public void FixRsdpChecksums()
    {
        Span<byte> r = Memory.AsSpan(RsdpOffset, 36);
        r[8] = 0;
        r[8] = (byte)(0 - Sum(r[..20]));
        r[32] = 0;
        r[32] = (byte)(0 - Sum(r));
    }

    private void WriteXsdt(List<int> tables)
    {
        int length = 36 + 8 * tables.Count;
        Span<byte> t = WriteHeader(XsdtOffset, "XSDT", length, 1);
        for (int i = 0; i < tables.Count; i++) BinaryPrimitives.WriteUInt64LittleEndian(t[(36 + 8 * i)..], Address(tables[i]));
        FixChecksum(XsdtOffset);
    }

    private void WriteMadt(int cpus)
    {
        var e = new List<byte>();
        for (int i = 0; i < cpus; i++)
        {
            byte[] gicc = new byte[80];
            gicc[0] = 0xB; gicc[1] = 80;
            BinaryPrimitives.WriteUInt32LittleEndian(gicc.AsSpan(4), (uint)i);  // CPU interface number
            BinaryPrimitives.WriteUInt32LittleEndian(gicc.AsSpan(8), (uint)i);  // ACPI processor UID
            BinaryPrimitives.WriteUInt32LittleEndian(gicc.AsSpan(12), 1);       // enabled
            BinaryPrimitives.WriteUInt32LittleEndian(gicc.AsSpan(20), 23);      // PMU GSIV
            BinaryPrimitives.WriteUInt32LittleEndian(gicc.AsSpan(56), 25);      // VGIC maintenance
            BinaryPrimitives.WriteUInt64LittleEndian(gicc.AsSpan(68), (ulong)i); // MPIDR
            e.AddRange(gicc);
        }
        byte[] gicd = new byte[24];
        gicd[0] = 0xC; gicd[1] = 24;
        BinaryPrimitives.WriteUInt64LittleEndian(gicd.AsSpan(8), 0x08000000);
        gicd[20] = 3;
        e.AddRange(gicd);
        byte[] gicr = new byte[16];
        gicr[0] = 0xE; gicr[1] = 16;
        BinaryPrimitives.WriteUInt64LittleEndian(gicr.AsSpan(4), 0x080A0000);
        BinaryPrimitives.WriteUInt32LittleEndian(gicr.AsSpan(12), 0xF60000);
        e.AddRange(gicr);
        byte[] its = new byte[20];
        its[0] = 0xF; its[1] = 20;
        BinaryPrimitives.WriteUInt64LittleEndian(its.AsSpan(8), 0x08080000);
        e.AddRange(its);
        MadtLength = 44 + e.Count;
        Span<byte> t = WriteHeader(MadtOffset, "APIC", MadtLength, 4);
        e.ToArray().CopyTo(t[44..]);
        FixChecksum(MadtOffset);
    }

    private void WriteGtdt()
    {
        Span<byte> t = WriteHeader(GtdtOffset, "GTDT", 104, 3);
        BinaryPrimitives.WriteUInt64LittleEndian(t[36..], 0xFFFFFFFFFFFFFFFF);
        uint[] gsiv = [29, 30, 27, 26];
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(t[(48 + 8 * i)..], gsiv[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(t[(52 + 8 * i)..], 4); // always-on, level, active-high
        }
        BinaryPrimitives.WriteUInt64LittleEndian(t[80..], 0xFFFFFFFFFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(t[96..], 28);
        FixChecksum(GtdtOffset);
    }

    private void WriteSpcr()
    {
        Span<byte> t = WriteHeader(SpcrOffset, "SPCR", 80, 2);
        t[36] = 3;                        // ARM PL011
        t[40] = 0; t[41] = 32; t[43] = 3; // system memory, 32-bit, dword access
        BinaryPrimitives.WriteUInt64LittleEndian(t[44..], 0x09000000);
        t[52] = 8;                        // ARMH GIC interrupt
        BinaryPrimitives.WriteUInt32LittleEndian(t[54..], 33);
        t[58] = 7;                        // 115200
        FixChecksum(SpcrOffset);
    }

    private Span<byte> WriteHeader(int offset, string signature, int length, byte revision)
    {
        Span<byte> t = Memory.AsSpan(offset, length);
        t.Clear();
        Encoding.ASCII.GetBytes(signature).CopyTo(t);
        BinaryPrimitives.WriteUInt32LittleEndian(t[4..], (uint)length);
        t[8] = revision;
        Encoding.ASCII.GetBytes("BOCHS BXPC    ").CopyTo(t[10..]);
        return t;
    }

    private void WriteTable(int offset, string signature, int length, byte revision)
    {
        WriteHeader(offset, signature, length, revision);
        FixChecksum(offset);
    }

    public void FixChecksum(int offset)
    {
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(Memory.AsSpan(offset + 4));
        Span<byte> t = Memory.AsSpan(offset, length);
        t[9] = 0;
        t[9] = (byte)(0 - Sum(t));
    }

    public void PatchU32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Memory.AsSpan(offset), value);

    public void PatchU64(int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Memory.AsSpan(offset), value);

    public AcpiStatus Read(out AcpiPlatform platform) => Read(Memory, Base, Address(RsdpOffset), out platform);

    public static AcpiStatus Read(byte[] memory, ulong baseAddress, ulong rsdp, out AcpiPlatform platform)
    {
        var view = new ArrayAcpiMemory(memory, baseAddress);
        platform = default;
        return AcpiTables.Read(ref view, rsdp, ref platform);
    }

    private static byte Sum(ReadOnlySpan<byte> b)
    {
        byte s = 0;
        foreach (byte x in b) s += x;
        return s;
    }
}

/// <summary>Physical memory as a byte array at a base address.</summary>
internal readonly struct ArrayAcpiMemory(byte[] memory, ulong baseAddress) : IAcpiMemory
{
    public bool TryMap(ulong address, uint length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (address < baseAddress || address - baseAddress > (ulong)memory.Length || length > (ulong)memory.Length - (address - baseAddress))
            return false;
        bytes = memory.AsSpan((int)(address - baseAddress), (int)length);
        return true;
    }
}
