// Guest frames the builder reserves at the top of a domain's memory for pages the hypervisor shares with the
// guest (like the "special pages" Xen's toolstack puts outside HVM guest RAM): the PV console ring in the
// last frame, the xenstore ring below it. The guest's memory map (hvm_start_info and XENMEM_memory_map)
// ends RAM before them and marks them reserved, so the guest never allocates them as memory.
using Xen.Core.Memory;

namespace Xen.Core.Domains;

/// <summary>Where the shared ring pages live.</summary>
public static class SpecialPages
{
    /// <summary>Frames reserved at the top of guest memory.</summary>
    public const ulong Count = 2;

    /// <summary>Guest frame of the PV console ring (HVM_PARAM_CONSOLE_PFN).</summary>
    public static ulong ConsoleGfn(P2m p2m) => p2m.PageCount - 1;

    /// <summary>Guest frame kept for the xenstore ring (HVM_PARAM_STORE_PFN).</summary>
    public static ulong StoreGfn(P2m p2m) => p2m.PageCount - 2;

    /// <summary>End of guest RAM: everything below is usable memory.</summary>
    public static ulong RamEnd(P2m p2m) => p2m.PageCount > Count ? (p2m.PageCount - Count) * P2m.PageSize : 0;
}
