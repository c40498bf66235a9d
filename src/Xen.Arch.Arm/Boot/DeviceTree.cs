// A reader for the flattened device tree (DTB) the boot loader passes in x0 (Devicetree Specification
// v0.4, chapter 5 "Flattened Devicetree (DTB) Format"). Everything is big-endian:
//   header (40 bytes): magic 0xd00dfeed, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version,
//     last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct (the last from version 17);
//   memory reservation block: {u64 address, u64 size} pairs ending with {0, 0} (§5.3);
//   structure block: 32-bit tokens, each 4-byte aligned — FDT_BEGIN_NODE 1 + NUL-terminated name,
//     FDT_END_NODE 2, FDT_PROP 3 + {u32 len, u32 nameoff} + value, FDT_NOP 4, FDT_END 9 (§5.4);
//   strings block: NUL-terminated property names that nameoff indexes (§5.5).
// The blob is outside input: every offset is bounds-checked and every defect is a DeviceTreeStatus. No
// allocation (it runs before the heap exists); hosted-testable. Only what boot needs is read: the root's
// #address-cells/#size-cells, /memory reg ranges (device_type "memory" or a node named memory[@...]),
// /chosen bootargs and initrd bounds, and the reservation block.
using System;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Boot;

/// <summary>A validated view of a flattened device tree blob.</summary>
public readonly ref struct DeviceTree
{
    /// <summary>The header magic.</summary>
    public const uint Magic = 0xD00DFEED;

    /// <summary>Size of the version-17 header.</summary>
    public const int HeaderSize = 40;

    /// <summary>The largest blob accepted (Linux's arm64 limit, Documentation/arch/arm64/booting.rst).</summary>
    public const int MaxSize = 2 * 1024 * 1024;

    private const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _blob;
    private readonly int _structStart, _structEnd, _stringsStart, _stringsEnd, _reservations;

    private DeviceTree(ReadOnlySpan<byte> blob, int structStart, int structEnd, int stringsStart, int stringsEnd, int reservations)
    {
        _blob = blob;
        _structStart = structStart;
        _structEnd = structEnd;
        _stringsStart = stringsStart;
        _stringsEnd = stringsEnd;
        _reservations = reservations;
    }

    /// <summary>The blob's length (the header's totalsize).</summary>
    public int TotalSize => _blob.Length;

    /// <summary>Reads the magic and totalsize from the first 8 bytes, to learn how much memory the blob spans
    /// before validating it. False when the magic is wrong or the size is outside [header, <see cref="MaxSize"/>].</summary>
    public static bool TryReadTotalSize(ReadOnlySpan<byte> start, out int totalSize)
    {
        totalSize = 0;
        if (start.Length < 8 || ReadU32(start, 0) != Magic) return false;
        uint size = ReadU32(start, 4);
        if (size < HeaderSize || size > MaxSize) return false;
        totalSize = (int)size;
        return true;
    }

    /// <summary>Validates the header of <paramref name="blob"/> (which may be longer than totalsize).</summary>
    public static DeviceTreeStatus Open(ReadOnlySpan<byte> blob, out DeviceTree tree)
    {
        tree = default;
        if (blob.Length < HeaderSize) return DeviceTreeStatus.Truncated;
        if (ReadU32(blob, 0) != Magic) return DeviceTreeStatus.BadMagic;
        uint total = ReadU32(blob, 4);
        if (total < HeaderSize || total > MaxSize) return DeviceTreeStatus.BadHeader;
        if (total > (uint)blob.Length) return DeviceTreeStatus.Truncated;
        uint version = ReadU32(blob, 20), lastCompatible = ReadU32(blob, 24);
        if (version < 16 || lastCompatible > 17) return DeviceTreeStatus.UnsupportedVersion;
        uint structOffset = ReadU32(blob, 8), stringsOffset = ReadU32(blob, 12), reserveOffset = ReadU32(blob, 16);
        uint stringsSize = ReadU32(blob, 32);
        // size_dt_struct exists from version 17; before that the block runs to the end of the blob.
        uint structSize = version >= 17 ? ReadU32(blob, 36) : total - Math.Min(structOffset, total);
        if (structOffset < HeaderSize || (structOffset & 3) != 0 || structOffset > total || structSize > total - structOffset)
            return DeviceTreeStatus.BadHeader;
        if (stringsOffset < HeaderSize || stringsOffset > total || stringsSize > total - stringsOffset)
            return DeviceTreeStatus.BadHeader;
        if (reserveOffset < HeaderSize || (reserveOffset & 7) != 0 || reserveOffset > total - 16)
            return DeviceTreeStatus.BadHeader;
        tree = new DeviceTree(blob.Slice(0, (int)total), (int)structOffset, (int)(structOffset + structSize),
            (int)stringsOffset, (int)(stringsOffset + stringsSize), (int)reserveOffset);
        return DeviceTreeStatus.Ok;
    }

    /// <summary>Adds the /memory ranges to <paramref name="map"/> as usable RAM and reads /chosen.</summary>
    public DeviceTreeStatus Read(ref MemoryMap map, out DeviceTreeInfo info)
    {
        info = default;
        int pos = _structStart, depth = 0;
        uint addressCells = 2, sizeCells = 1; // defaults when the root omits them (spec §2.3.5)
        bool rootDone = false;
        // State of the current child of the root (depth 2: the root itself is depth 1).
        bool memoryName = false, memoryType = false, chosen = false, gicV3 = false;
        int regStart = -1, regLength = 0;
        while (true)
        {
            if (pos > _structEnd - 4) return DeviceTreeStatus.BadStructure;
            uint token = ReadU32(_blob, pos);
            pos += 4;
            switch (token)
            {
                case BeginNode:
                {
                    int nameEnd = IndexOfNul(pos, _structEnd);
                    if (nameEnd < 0 || rootDone || ++depth > MaxDepth) return DeviceTreeStatus.BadStructure;
                    if (depth == 2)
                    {
                        ReadOnlySpan<byte> name = _blob.Slice(pos, nameEnd - pos);
                        memoryName = Is(name, "memory") || StartsWith(name, "memory@");
                        chosen = Is(name, "chosen") || StartsWith(name, "chosen@");
                        memoryType = false;
                        gicV3 = false;
                        regStart = -1;
                        regLength = 0;
                    }
                    pos = Align4(nameEnd + 1);
                    break;
                }
                case EndNode:
                    if (depth == 0) return DeviceTreeStatus.BadStructure;
                    if (depth == 2 && (memoryName || memoryType) && regStart >= 0)
                    {
                        DeviceTreeStatus status = AddMemory(ref map, regStart, regLength, addressCells, sizeCells, ref info.MemoryRanges);
                        if (status != DeviceTreeStatus.Ok) return status;
                    }
                    if (depth == 2 && gicV3 && regStart >= 0 && regLength >= 2 * (int)(addressCells + sizeCells) * 4)
                    {
                        info.GicDistributor = ReadCells(_blob, regStart, addressCells);
                        info.GicRedistributor = ReadCells(_blob, regStart + (int)(addressCells + sizeCells) * 4, addressCells);
                    }
                    if (--depth == 0) rootDone = true;
                    break;
                case Prop:
                {
                    if (depth == 0 || pos > _structEnd - 8) return DeviceTreeStatus.BadStructure;
                    uint length = ReadU32(_blob, pos), nameOffset = ReadU32(_blob, pos + 4);
                    pos += 8;
                    if (length > (uint)(_structEnd - pos)) return DeviceTreeStatus.BadStructure;
                    int valueStart = pos;
                    ReadOnlySpan<byte> value = _blob.Slice(valueStart, (int)length);
                    pos = Align4(pos + (int)length);
                    if (!TryPropertyName(nameOffset, out ReadOnlySpan<byte> name)) return DeviceTreeStatus.BadProperty;
                    if (depth == 1)
                    {
                        if (Is(name, "#address-cells") && !TryReadCells(value, out addressCells)) return DeviceTreeStatus.BadProperty;
                        if (Is(name, "#size-cells") && !TryReadCells(value, out sizeCells)) return DeviceTreeStatus.BadProperty;
                    }
                    else if (depth == 2)
                    {
                        if (Is(name, "reg")) { regStart = valueStart; regLength = (int)length; }
                        else if (Is(name, "device_type")) memoryType = IsString(value, "memory");
                        else if (Is(name, "compatible")) gicV3 = ListContains(value, "arm,gic-v3");
                        else if (chosen)
                        {
                            DeviceTreeStatus status = ReadChosenProperty(name, value, ref info);
                            if (status != DeviceTreeStatus.Ok) return status;
                        }
                    }
                    break;
                }
                case Nop:
                    break;
                case End:
                    if (depth != 0 || !rootDone) return DeviceTreeStatus.BadStructure;
                    return info.MemoryRanges == 0 ? DeviceTreeStatus.NoMemory : DeviceTreeStatus.Ok;
                default:
                    return DeviceTreeStatus.BadStructure;
            }
            if (pos > _structEnd) return DeviceTreeStatus.BadStructure;
        }
    }

    /// <summary>Marks every range of the memory reservation block as in use (not handed to the allocator).</summary>
    public DeviceTreeStatus ReserveBlocks(ref MemoryMap map, out int count)
    {
        count = 0;
        for (int pos = _reservations; ; pos += 16)
        {
            if (pos > _blob.Length - 16) return DeviceTreeStatus.BadReservation;
            ulong address = ReadU64(_blob, pos), size = ReadU64(_blob, pos + 8);
            if (address == 0 && size == 0) return DeviceTreeStatus.Ok;
            if (address + size < address) return DeviceTreeStatus.BadReservation;
            if (!map.Reserve(address, size)) return DeviceTreeStatus.MemoryMapFull;
            count++;
        }
    }

    /// <summary>A short description of a status, for panic messages.</summary>
    public static string StatusName(DeviceTreeStatus status) => status switch
    {
        DeviceTreeStatus.Ok => "ok",
        DeviceTreeStatus.Truncated => "device tree truncated",
        DeviceTreeStatus.BadMagic => "device tree magic is not 0xd00dfeed",
        DeviceTreeStatus.UnsupportedVersion => "unsupported device tree version",
        DeviceTreeStatus.BadHeader => "device tree header offsets out of bounds",
        DeviceTreeStatus.BadStructure => "device tree structure block malformed",
        DeviceTreeStatus.BadProperty => "device tree property malformed",
        DeviceTreeStatus.BadCells => "device tree #address-cells/#size-cells unsupported",
        DeviceTreeStatus.BadReservation => "device tree reservation block malformed",
        DeviceTreeStatus.BadMemoryRange => "device tree memory range wraps or overlaps",
        DeviceTreeStatus.MemoryMapFull => "too many memory ranges",
        DeviceTreeStatus.NoMemory => "device tree has no /memory node",
        _ => "unknown device tree status",
    };

    private DeviceTreeStatus AddMemory(ref MemoryMap map, int start, int length, uint addressCells, uint sizeCells, ref int ranges)
    {
        if (addressCells is < 1 or > 2 || sizeCells is < 1 or > 2) return DeviceTreeStatus.BadCells;
        int entry = (int)(addressCells + sizeCells) * 4;
        if (length % entry != 0) return DeviceTreeStatus.BadProperty;
        for (int at = start; at < start + length; at += entry)
        {
            ulong address = ReadCells(_blob, at, addressCells);
            ulong size = ReadCells(_blob, at + (int)addressCells * 4, sizeCells);
            if (size == 0) continue;
            if (address + size < address) return DeviceTreeStatus.BadMemoryRange;
            for (int i = 0; i < map.Count; i++)
            {
                MemoryRange existing = map[i];
                if (address < existing.End && existing.Base < address + size) return DeviceTreeStatus.BadMemoryRange;
            }
            if (!map.Add(address, size, MemoryKind.Usable)) return DeviceTreeStatus.MemoryMapFull;
            ranges++;
        }
        return DeviceTreeStatus.Ok;
    }

    private static DeviceTreeStatus ReadChosenProperty(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ref DeviceTreeInfo info)
    {
        if (Is(name, "bootargs"))
        {
            // A string property: NUL-terminated. Keep what precedes the first NUL.
            int length = 0;
            while (length < value.Length && value[length] != 0) length++;
            info.BootArgs = value.Slice(0, length);
        }
        else if (Is(name, "linux,initrd-start"))
        {
            if (!TryReadAddress(value, out info.InitrdStart)) return DeviceTreeStatus.BadProperty;
        }
        else if (Is(name, "linux,initrd-end"))
        {
            if (!TryReadAddress(value, out info.InitrdEnd)) return DeviceTreeStatus.BadProperty;
        }
        return DeviceTreeStatus.Ok;
    }

    // The initrd bounds are a u32 or a u64 (the binding allows either; QEMU writes u64 on arm64).
    private static bool TryReadAddress(ReadOnlySpan<byte> value, out ulong address)
    {
        address = 0;
        if (value.Length == 4) address = ReadU32(value, 0);
        else if (value.Length == 8) address = ReadU64(value, 0);
        else return false;
        return true;
    }

    private static bool TryReadCells(ReadOnlySpan<byte> value, out uint cells)
    {
        cells = 0;
        if (value.Length != 4) return false;
        cells = ReadU32(value, 0);
        return true;
    }

    private bool TryPropertyName(uint offset, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (offset >= (uint)(_stringsEnd - _stringsStart)) return false;
        int start = _stringsStart + (int)offset;
        int end = IndexOfNul(start, _stringsEnd);
        if (end < 0) return false;
        name = _blob.Slice(start, end - start);
        return true;
    }

    private int IndexOfNul(int start, int limit)
    {
        for (int i = start; i < limit; i++)
            if (_blob[i] == 0) return i;
        return -1;
    }

    private static int Align4(int value) => (value + 3) & ~3;

    private static ulong ReadCells(ReadOnlySpan<byte> b, int offset, uint cells) => cells == 1 ? ReadU32(b, offset) : ReadU64(b, offset);

    private static uint ReadU32(ReadOnlySpan<byte> b, int o) => (uint)b[o] << 24 | (uint)b[o + 1] << 16 | (uint)b[o + 2] << 8 | b[o + 3];

    private static ulong ReadU64(ReadOnlySpan<byte> b, int o) => (ulong)ReadU32(b, o) << 32 | ReadU32(b, o + 4);

    private static bool Is(ReadOnlySpan<byte> ascii, string text) => ascii.Length == text.Length && StartsWith(ascii, text);

    private static bool StartsWith(ReadOnlySpan<byte> ascii, string prefix)
    {
        if (ascii.Length < prefix.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if (ascii[i] != (byte)prefix[i]) return false;
        return true;
    }

    // A string property equal to text: the bytes, then a NUL, then nothing.
    // True if the NUL-separated string list `value` has an entry equal to `text`.
    private static bool ListContains(ReadOnlySpan<byte> value, string text)
    {
        for (int start = 0; start < value.Length;)
        {
            int end = start;
            while (end < value.Length && value[end] != 0) end++;
            if (Is(value.Slice(start, end - start), text)) return true;
            start = end + 1;
        }
        return false;
    }

    private static bool IsString(ReadOnlySpan<byte> value, string text) =>
        value.Length == text.Length + 1 && value[text.Length] == 0 && StartsWith(value, text);
}
