// hvm_start_info as PVH loaders pass it in EBX (xen/include/public/arch-x86/hvm/start_info.h):
//   +0 magic 0x336ec578, +4 version, +8 flags, +12 nr_modules, +16 modlist_paddr, +24 cmdline_paddr,
//   +32 rsdp_paddr, and from version 1: +40 memmap_paddr, +48 memmap_entries.
// Module entries are 32 bytes {paddr, size, cmdline_paddr, reserved}; memory map entries 24 bytes
// {addr, size, type (E820 numbering), reserved}.
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Boot;

/// <summary>Reads the PVH start info block.</summary>
public readonly unsafe struct PvhStartInfo
{
    /// <summary>XEN_HVM_START_MAGIC_VALUE.</summary>
    public const uint Magic = 0x336ec578;

    private readonly byte* _info;

    /// <summary>Wraps the block at <paramref name="info"/>.</summary>
    public PvhStartInfo(byte* info) { _info = info; }

    /// <summary>True if the magic matches.</summary>
    public bool IsValid => _info != null && *(uint*)_info == Magic;

    /// <summary>Structure version (1 adds the memory map).</summary>
    public uint Version => *(uint*)(_info + 4);

    /// <summary>Number of boot modules.</summary>
    public uint ModuleCount => *(uint*)(_info + 12);

    /// <summary>Physical address of the module list.</summary>
    public ulong ModuleListAddress => *(ulong*)(_info + 16);

    /// <summary>Physical address of the NUL-terminated command line, or 0.</summary>
    public ulong CommandLineAddress => *(ulong*)(_info + 24);

    /// <summary>Physical address of the ACPI RSDP, or 0.</summary>
    public ulong RsdpAddress => *(ulong*)(_info + 32);

    /// <summary>Physical address of the memory map (version ≥ 1).</summary>
    public ulong MemoryMapAddress => Version >= 1 ? *(ulong*)(_info + 40) : 0;

    /// <summary>Entries in the memory map (version ≥ 1).</summary>
    public uint MemoryMapEntries => Version >= 1 ? *(uint*)(_info + 48) : 0;

    /// <summary>Module <paramref name="index"/> of the module list.</summary>
    public PvhModule Module(uint index)
    {
        ulong* entry = (ulong*)(ModuleListAddress + index * 32UL);
        return new PvhModule { Address = entry[0], Size = entry[1], CommandLineAddress = entry[2] };
    }

    /// <summary>Copies the E820-style map into <paramref name="map"/>; returns the number of entries added.</summary>
    public int FillMemoryMap(ref MemoryMap map)
    {
        int added = 0;
        byte* table = (byte*)MemoryMapAddress;
        for (uint i = 0; table != null && i < MemoryMapEntries; i++)
        {
            byte* e = table + i * 24;
            if (map.Add(*(ulong*)e, *(ulong*)(e + 8), FromE820(*(uint*)(e + 16)))) added++;
        }
        return added;
    }

    /// <summary>Maps E820 type numbers onto <see cref="MemoryKind"/>.</summary>
    public static MemoryKind FromE820(uint type) => type switch
    {
        1 => MemoryKind.Usable,
        3 => MemoryKind.AcpiReclaimable,
        4 => MemoryKind.AcpiNvs,
        5 => MemoryKind.Unusable,
        _ => MemoryKind.Reserved,
    };
}

/// <summary>One hvm_modlist_entry.</summary>
public struct PvhModule
{
    /// <summary>Physical address of the module.</summary>
    public ulong Address;
    /// <summary>Size in bytes.</summary>
    public ulong Size;
    /// <summary>Physical address of its NUL-terminated command line, or 0.</summary>
    public ulong CommandLineAddress;
}
