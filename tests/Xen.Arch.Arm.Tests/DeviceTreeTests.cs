using System.Text;
using Xen.Arch.Arm.Boot;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Tests;

public sealed class DeviceTreeTests
{
    private static DeviceTreeStatus Read(byte[] blob, ref MemoryMap map, out string bootArgs, out ulong initrdStart, out ulong initrdEnd, out int ranges)
    {
        bootArgs = "";
        initrdStart = initrdEnd = 0;
        ranges = 0;
        DeviceTreeStatus status = DeviceTree.Open(blob, out DeviceTree tree);
        if (status != DeviceTreeStatus.Ok) return status;
        status = tree.Read(ref map, out DeviceTreeInfo info);
        bootArgs = Encoding.ASCII.GetString(info.BootArgs);
        initrdStart = info.InitrdStart;
        initrdEnd = info.InitrdEnd;
        ranges = info.MemoryRanges;
        return status;
    }

    private static DeviceTreeStatus Read(byte[] blob)
    {
        MemoryMap map = default;
        return Read(blob, ref map, out _, out _, out _, out _);
    }

    [Fact]
    public void Qemu_like_tree_yields_memory_command_line_and_initrd()
    {
        byte[] blob = FdtBuilder.QemuVirtLike().Build();
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, Read(blob, ref map, out string args, out ulong start, out ulong end, out int ranges));
        Assert.Equal("selftest semihosting", args);
        Assert.Equal(0x48000000UL, start);
        Assert.Equal(0x48012345UL, end);
        Assert.Equal(1, ranges);
        Assert.Equal(1, map.Count);
        Assert.Equal(0x40000000UL, map[0].Base);
        Assert.Equal(0x10000000UL, map[0].Length);
        Assert.Equal(MemoryKind.Usable, map[0].Kind);
    }

    [Fact]
    public void Total_size_is_read_from_the_first_eight_bytes()
    {
        byte[] blob = FdtBuilder.QemuVirtLike().Build();
        Assert.True(DeviceTree.TryReadTotalSize(blob.AsSpan(0, 8), out int size));
        Assert.Equal(blob.Length, size);
        blob[0] = 0;
        Assert.False(DeviceTree.TryReadTotalSize(blob, out _));
    }

    [Fact]
    public void One_cell_addresses_and_several_memory_nodes_and_device_type_only_nodes()
    {
        byte[] blob = new FdtBuilder()
            .BeginNode("")
                .Cells("#address-cells", 1).Cells("#size-cells", 1)
                .BeginNode("memory@80000000").Cells("reg", 0x80000000, 0x1000000, 0x90000000, 0x2000000).EndNode()
                .BeginNode("ram").String("device_type", "memory").Cells("reg", 0xA0000000, 0x100000).EndNode()
                .BeginNode("sram@10000").Cells("reg", 0x10000, 0x1000).EndNode() // not memory: ignored
                .BeginNode("chosen").EndNode()
            .EndNode()
            .End()
            .Build();
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, Read(blob, ref map, out string args, out ulong start, out _, out int ranges));
        Assert.Equal("", args);
        Assert.Equal(0UL, start);
        Assert.Equal(3, ranges);
        Assert.Equal(0x80000000UL, map[0].Base);
        Assert.Equal(0x90000000UL, map[1].Base);
        Assert.Equal(0xA0000000UL, map[2].Base);
        Assert.Equal(0x1000000UL + 0x2000000UL + 0x100000UL, map.TotalOf(MemoryKind.Usable));
    }

    [Fact]
    public void Missing_cell_properties_default_to_two_and_one()
    {
        byte[] blob = new FdtBuilder()
            .BeginNode("").BeginNode("memory").Cells("reg", 1, 0x0, 0x4000000).EndNode().EndNode().End().Build();
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, Read(blob, ref map, out _, out _, out _, out _));
        Assert.Equal(0x100000000UL, map[0].Base);
        Assert.Equal(0x4000000UL, map[0].Length);
    }

    [Fact]
    public void Nested_memory_nodes_and_nops_are_ignored_and_32_bit_initrd_bounds_accepted()
    {
        byte[] blob = new FdtBuilder()
            .BeginNode("").Cells("#address-cells", 2).Cells("#size-cells", 2).Nop()
                .BeginNode("soc").BeginNode("memory@0").Cells("reg", 0, 0, 0, 0x1000).EndNode().EndNode()
                .BeginNode("memory@40000000").Cells("reg", 0, 0x40000000, 0, 0x8000000).EndNode()
                .BeginNode("chosen").Cells("linux,initrd-start", 0x44000000).Cells("linux,initrd-end", 0x44100000).EndNode()
            .EndNode().Nop().End().Build();
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, Read(blob, ref map, out _, out ulong start, out ulong end, out int ranges));
        Assert.Equal(1, ranges);
        Assert.Equal(0x44000000UL, start);
        Assert.Equal(0x44100000UL, end);
    }

    [Fact]
    public void Reservation_block_entries_are_taken_out_of_usable_memory()
    {
        byte[] blob = FdtBuilder.QemuVirtLike().Reserve(0x40100000, 0x2000).Reserve(0x4F000000, 0x1000000).Build();
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(blob, out DeviceTree tree));
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, tree.Read(ref map, out _));
        Assert.Equal(DeviceTreeStatus.Ok, tree.ReserveBlocks(ref map, out int count));
        Assert.Equal(2, count);
        Assert.Equal(0x10000000UL - 0x2000 - 0x1000000, map.TotalOf(MemoryKind.Usable));
    }

    [Fact]
    public void Blob_may_be_longer_than_total_size()
    {
        byte[] blob = FdtBuilder.QemuVirtLike().Build();
        Array.Resize(ref blob, blob.Length + 100);
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(blob, out DeviceTree tree));
        Assert.Equal(blob.Length - 100, tree.TotalSize);
    }

    [Fact]
    public void Header_defects_are_reported()
    {
        byte[] good = FdtBuilder.QemuVirtLike().Build();
        Assert.Equal(DeviceTreeStatus.Truncated, Read(good[..39]));
        Assert.Equal(DeviceTreeStatus.Truncated, Read(good[..^1]));
        Assert.Equal(DeviceTreeStatus.BadMagic, Read(Patched(good, 0, 0xD00DFEEE)));
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 4, 12)));                  // totalsize < header
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 4, 3u << 20)));            // over the 2 MiB limit
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 8, 0x7FFFFFF0)));          // struct offset
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 8, 42)));                  // misaligned struct
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 36, 0xFFFFFFFF)));         // struct size
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 12, (uint)good.Length + 1))); // strings offset
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 32, 0xFFFFFFF0)));         // strings size
        Assert.Equal(DeviceTreeStatus.BadHeader, Read(Patched(good, 16, 44)));                 // misaligned reservations
        Assert.Equal(DeviceTreeStatus.UnsupportedVersion, Read(Patched(good, 20, 15)));
        Assert.Equal(DeviceTreeStatus.UnsupportedVersion, Read(Patched(good, 24, 18)));
    }

    [Fact]
    public void Structure_defects_are_reported()
    {
        // Unknown token.
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().BeginNode("").Token(7).EndNode().End().Build()));
        // END_NODE without a node, END inside a node, no END at all, a second root.
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().EndNode().End().Build()));
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().BeginNode("").End().Build()));
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().BeginNode("").EndNode().Build()));
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().BeginNode("").EndNode().BeginNode("").EndNode().End().Build()));
        // A property outside any node; a property whose length runs past the block.
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().String("x", "y").BeginNode("").EndNode().End().Build()));
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().BeginNode("").RawProperty(0x7FFFFFFF, 0).EndNode().End().Build()));
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(new FdtBuilder().BeginNode("").RawProperty(0xFFFFFFFF, 0).EndNode().End().Build()));
        // Nesting deeper than the reader allows.
        var deep = new FdtBuilder();
        for (int i = 0; i < 100; i++) deep.BeginNode("n");
        for (int i = 0; i < 100; i++) deep.EndNode();
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(deep.End().Build()));
    }

    [Fact]
    public void Node_name_without_terminator_is_rejected()
    {
        byte[] blob = new FdtBuilder().BeginNode("").BeginNode("abc").EndNode().EndNode().End().Build();
        // Overwrite everything after the "abc" BEGIN_NODE token with non-zero bytes up to the strings block.
        int structOffset = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(8));
        int structSize = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(36));
        for (int i = structOffset + 12; i < structOffset + structSize; i++) blob[i] = (byte)'a';
        Assert.Equal(DeviceTreeStatus.BadStructure, Read(blob));
    }

    [Fact]
    public void Property_defects_are_reported()
    {
        // Name offset outside the strings block.
        Assert.Equal(DeviceTreeStatus.BadProperty, Read(new FdtBuilder().BeginNode("").RawProperty(0, 5000).EndNode().End().Build()));
        // #address-cells must be one cell.
        Assert.Equal(DeviceTreeStatus.BadProperty, Read(new FdtBuilder().BeginNode("").Cells("#address-cells", 1, 1).EndNode().End().Build()));
        // reg not a whole number of (address, size) entries.
        Assert.Equal(DeviceTreeStatus.BadProperty, Read(new FdtBuilder().BeginNode("").BeginNode("memory").Cells("reg", 0, 1).EndNode().EndNode().End().Build()));
        // initrd bounds must be 4 or 8 bytes.
        Assert.Equal(DeviceTreeStatus.BadProperty, Read(new FdtBuilder()
            .BeginNode("").BeginNode("memory").Cells("reg", 0, 0, 1).EndNode()
            .BeginNode("chosen").Cells("linux,initrd-start", 1, 2, 3).EndNode().EndNode().End().Build()));
    }

    [Fact]
    public void Property_name_running_off_the_strings_block_is_rejected()
    {
        var builder = new FdtBuilder().BeginNode("").Cells("#size-cells", 1).EndNode().End();
        byte[] blob = builder.Build();
        blob[^1] = (byte)'x'; // the strings block's last NUL
        Assert.Equal(DeviceTreeStatus.BadProperty, Read(blob));
    }

    [Fact]
    public void Memory_defects_are_reported()
    {
        Assert.Equal(DeviceTreeStatus.BadCells, Read(new FdtBuilder().BeginNode("").Cells("#address-cells", 3)
            .BeginNode("memory").Cells("reg", 0, 0, 0, 1).EndNode().EndNode().End().Build()));
        Assert.Equal(DeviceTreeStatus.BadCells, Read(new FdtBuilder().BeginNode("").Cells("#size-cells", 0)
            .BeginNode("memory").Cells("reg", 0, 0).EndNode().EndNode().End().Build()));
        // Wraps around 2^64.
        Assert.Equal(DeviceTreeStatus.BadMemoryRange, Read(new FdtBuilder().BeginNode("").Cells("#address-cells", 2).Cells("#size-cells", 2)
            .BeginNode("memory").Cells("reg", 0xFFFFFFFF, 0xFFFFF000, 0, 0x2000).EndNode().EndNode().End().Build()));
        // Overlapping ranges (possibly in two nodes) would hand the same pages out twice.
        Assert.Equal(DeviceTreeStatus.BadMemoryRange, Read(new FdtBuilder().BeginNode("").Cells("#address-cells", 1).Cells("#size-cells", 1)
            .BeginNode("memory@0").Cells("reg", 0x1000, 0x2000).EndNode()
            .BeginNode("memory@1").Cells("reg", 0x2000, 0x2000).EndNode().EndNode().End().Build()));
        // No memory at all, or only empty ranges.
        Assert.Equal(DeviceTreeStatus.NoMemory, Read(new FdtBuilder().BeginNode("").BeginNode("chosen").EndNode().EndNode().End().Build()));
        Assert.Equal(DeviceTreeStatus.NoMemory, Read(new FdtBuilder().BeginNode("").BeginNode("memory").Cells("reg", 0, 0x1000, 0).EndNode().EndNode().End().Build()));
    }

    [Fact]
    public void More_ranges_than_the_memory_map_holds_is_reported()
    {
        var cells = new List<uint>();
        for (uint i = 0; i < MemoryMap.Capacity + 1; i++) { cells.Add(i * 0x10000); cells.Add(0x1000); }
        byte[] blob = new FdtBuilder().BeginNode("").Cells("#address-cells", 1).Cells("#size-cells", 1)
            .BeginNode("memory").Cells("reg", cells.ToArray()).EndNode().EndNode().End().Build();
        Assert.Equal(DeviceTreeStatus.MemoryMapFull, Read(blob));
    }

    [Fact]
    public void Reservation_block_defects_are_reported()
    {
        var builder = FdtBuilder.QemuVirtLike().Reserve(0xFFFFFFFFFFFFF000, 0x2000);
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(builder.Build(), out DeviceTree tree));
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.BadReservation, tree.ReserveBlocks(ref map, out _));

        // No terminator: the entries run into the structure block and then off the blob's end.
        var unterminated = new FdtBuilder { OmitReservationTerminator = true };
        unterminated.BeginNode("").EndNode().End();
        byte[] blob = unterminated.Reserve(0x1000, 0x1000).Build();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(16), (uint)(blob.Length - 8)); // 8-aligned, < 16 bytes left
        Assert.Equal(DeviceTreeStatus.BadHeader, DeviceTree.Open(blob, out _));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(16), 40);
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(blob, out DeviceTree open));
        Assert.Equal(DeviceTreeStatus.BadReservation, open.ReserveBlocks(ref map, out _));
    }

    [Fact]
    public void Random_corruption_never_throws_or_reads_out_of_bounds()
    {
        byte[] good = FdtBuilder.QemuVirtLike().Reserve(0x40100000, 0x1000).Build();
        var random = new Random(20261126);
        for (int round = 0; round < 5000; round++)
        {
            byte[] blob = (byte[])good.Clone();
            int flips = 1 + random.Next(8);
            for (int i = 0; i < flips; i++) blob[random.Next(blob.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0) Array.Resize(ref blob, random.Next(blob.Length));
            DeviceTreeStatus status = DeviceTree.Open(blob, out DeviceTree tree);
            if (status != DeviceTreeStatus.Ok) continue;
            MemoryMap map = default;
            tree.Read(ref map, out _);
            tree.ReserveBlocks(ref map, out _);
        }
    }

    [QemuAarch64Fact]
    public void Qemu_virt_dtb_parses_when_qemu_is_installed()
    {
        // The real thing: QEMU's own virt DTB (dumped, 1 MiB totalsize).
        string qemu = QemuAarch64FactAttribute.Find()!;
        string path = Path.Combine(Path.GetTempPath(), $"xen-virt-{Guid.NewGuid():N}.dtb");
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(qemu,
                ["-M", $"virt,virtualization=on,gic-version=3,dumpdtb={path}", "-cpu", "cortex-a57", "-m", "256M", "-display", "none"])
            { RedirectStandardError = true, RedirectStandardOutput = true };
            using (var process = System.Diagnostics.Process.Start(start)!)
            {
                Assert.True(process.WaitForExit(30_000));
            }
            byte[] blob = File.ReadAllBytes(path);
            MemoryMap map = default;
            Assert.Equal(DeviceTreeStatus.Ok, Read(blob, ref map, out _, out _, out _, out int ranges));
            Assert.Equal(1, ranges);
            Assert.Equal(0x40000000UL, map[0].Base);
            Assert.Equal(256UL << 20, map[0].Length);
            Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(blob, out DeviceTree tree));
            Assert.Equal(DeviceTreeStatus.Ok, tree.ReserveBlocks(ref map, out int reservations));
            Assert.Equal(0, reservations);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Every_status_has_a_name()
    {
        foreach (DeviceTreeStatus status in Enum.GetValues<DeviceTreeStatus>())
            Assert.DoesNotContain("unknown", DeviceTree.StatusName(status));
    }

    private static byte[] Patched(byte[] blob, int offset, uint value)
    {
        byte[] copy = (byte[])blob.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
