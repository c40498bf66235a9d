// The machine's physical memory map as firmware described it (E820 via PVH start info, the UEFI memory map,
// or DTB memory nodes), normalised to one list. Reserve() carves out what the hypervisor already uses
// (its image, boot structures, modules) before the rest feeds the page allocator.
using System;

namespace Xen.Runtime.Memory;

/// <summary>What a memory range is.</summary>
public enum MemoryKind : byte
{
    /// <summary>Free RAM.</summary>
    Usable = 1,
    /// <summary>Firmware or device reserved.</summary>
    Reserved = 2,
    /// <summary>ACPI tables, reclaimable after parsing.</summary>
    AcpiReclaimable = 3,
    /// <summary>ACPI non-volatile storage.</summary>
    AcpiNvs = 4,
    /// <summary>Defective RAM.</summary>
    Unusable = 5,
    /// <summary>In use by the hypervisor (image, boot modules, tables).</summary>
    Hypervisor = 6,
}

/// <summary>One range of the memory map.</summary>
public struct MemoryRange
{
    /// <summary>First byte.</summary>
    public ulong Base;
    /// <summary>Length in bytes.</summary>
    public ulong Length;
    /// <summary>Kind of memory.</summary>
    public MemoryKind Kind;

    /// <summary>One past the last byte.</summary>
    public readonly ulong End => Base + Length;
}

/// <summary>A fixed-capacity memory map (no allocation: it is built before the heap exists).</summary>
public unsafe struct MemoryMap
{
    /// <summary>Maximum number of ranges kept.</summary>
    public const int Capacity = 128;

    private fixed byte _storage[Capacity * 24];
    private int _count;

    /// <summary>Number of ranges.</summary>
    public readonly int Count => _count;

    /// <summary>The range at <paramref name="index"/>.</summary>
    public MemoryRange this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            fixed (byte* s = _storage) return ((MemoryRange*)s)[index];
        }
    }

    /// <summary>Adds a range, keeping the list sorted by base and merging it with touching neighbours of the
    /// same kind (firmware maps are often fragmented). Returns false when full, empty or wrapping.</summary>
    public bool Add(ulong start, ulong length, MemoryKind kind)
    {
        if (length == 0 || _count == Capacity || start + length < start) return false;
        fixed (byte* s = _storage)
        {
            MemoryRange* r = (MemoryRange*)s;
            int at = _count;
            while (at > 0 && r[at - 1].Base > start) { r[at] = r[at - 1]; at--; }
            r[at].Base = start;
            r[at].Length = length;
            r[at].Kind = kind;
            _count++;
            if (at + 1 < _count && r[at + 1].Kind == kind && r[at].End == r[at + 1].Base)
            {
                r[at].Length += r[at + 1].Length;
                RemoveAt(at + 1);
            }
            if (at > 0 && r[at - 1].Kind == kind && r[at - 1].End == r[at].Base)
            {
                r[at - 1].Length += r[at].Length;
                RemoveAt(at);
            }
        }
        return true;
    }

    /// <summary>Marks [start, start+length) as <see cref="MemoryKind.Hypervisor"/> where it overlaps usable RAM,
    /// splitting ranges as needed. Returns false if the map ran out of room.</summary>
    public bool Reserve(ulong start, ulong length)
    {
        ulong end = start + length;
        for (int i = 0; i < _count; i++)
        {
            MemoryRange range = this[i];
            if (range.Kind != MemoryKind.Usable || range.End <= start || range.Base >= end) continue;
            ulong cutStart = range.Base > start ? range.Base : start;
            ulong cutEnd = range.End < end ? range.End : end;
            RemoveAt(i);
            if (range.Base < cutStart && !Add(range.Base, cutStart - range.Base, MemoryKind.Usable)) return false;
            if (!Add(cutStart, cutEnd - cutStart, MemoryKind.Hypervisor)) return false;
            if (cutEnd < range.End && !Add(cutEnd, range.End - cutEnd, MemoryKind.Usable)) return false;
            i = -1; // the list changed shape: rescan from the start
        }
        return true;
    }

    /// <summary>Total bytes of the given kind.</summary>
    public readonly ulong TotalOf(MemoryKind kind)
    {
        ulong total = 0;
        fixed (byte* s = _storage)
            for (int i = 0; i < _count; i++)
                if (((MemoryRange*)s)[i].Kind == kind) total += ((MemoryRange*)s)[i].Length;
        return total;
    }

    /// <summary>Highest address of any RAM-like range (what the hypervisor must map).</summary>
    public readonly ulong HighestRamAddress
    {
        get
        {
            ulong top = 0;
            fixed (byte* s = _storage)
                for (int i = 0; i < _count; i++)
                {
                    MemoryRange r = ((MemoryRange*)s)[i];
                    if (r.Kind is MemoryKind.Usable or MemoryKind.Hypervisor or MemoryKind.AcpiReclaimable && r.End > top) top = r.End;
                }
            return top;
        }
    }

    /// <summary>Hands every usable range to <paramref name="pages"/>; returns the number of ranges accepted.</summary>
    public readonly int FeedAllocator(PhysicalPageAllocator* pages)
    {
        int accepted = 0;
        fixed (byte* s = _storage)
            for (int i = 0; i < _count; i++)
            {
                MemoryRange r = ((MemoryRange*)s)[i];
                if (r.Kind == MemoryKind.Usable && pages->AddRegion(r.Base, r.Length)) accepted++;
            }
        return accepted;
    }

    private void RemoveAt(int index)
    {
        fixed (byte* s = _storage)
        {
            MemoryRange* r = (MemoryRange*)s;
            for (int i = index; i < _count - 1; i++) r[i] = r[i + 1];
        }
        _count--;
    }

    /// <summary>A short name for a kind, as printed in the boot log.</summary>
    public static string KindName(MemoryKind kind) => kind switch
    {
        MemoryKind.Usable => "usable",
        MemoryKind.Reserved => "reserved",
        MemoryKind.AcpiReclaimable => "ACPI data",
        MemoryKind.AcpiNvs => "ACPI NVS",
        MemoryKind.Unusable => "unusable",
        MemoryKind.Hypervisor => "hypervisor",
        _ => "unknown",
    };
}
