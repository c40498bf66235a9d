// Turns on EL2 stage-1 translation with the tables El2PageTables built. Order (Arm ARM DDI 0487, the rules
// for changing translation table bases and synchronizing system-register writes): attributes and control
// (MAIR, TCR) and the table base (TTBR0) first, each write followed by ISB in the asm routine; then a DSB that
// publishes the table stores to the walker and a TLB invalidation; then SCTLR_EL2.M/C/I. The map is an
// identity map, so the instruction after the SCTLR write runs at the same address.
// Caches: everything written so far (tables, allocator bitmaps, heap) went to memory with the MMU off.
// QEMU does not model caches; on hardware, lines a previous owner left in the data cache for those
// addresses would have to be invalidated (DC IVAC) before cacheable use — to add when real boards are targeted.
using Xen.Arch.Arm.Hardware;

namespace Xen.Arch.Arm.Paging;

/// <summary>EL2 MMU control.</summary>
internal static class El2Mmu
{
    /// <summary>Installs <paramref name="root"/> (from <see cref="El2PageTables.Build"/>) and enables translation and caches.</summary>
    internal static void Enable(ulong root)
    {
        SystemRegisters.WriteMair(El2PageTables.Mair);
        SystemRegisters.WriteTcr(El2PageTables.Tcr(SystemRegisters.IdAa64Mmfr0()));
        SystemRegisters.WriteTtbr0(root);
        SystemRegisters.InvalidateEl2Tlb();
        SystemRegisters.WriteSctlr(SystemRegisters.ReadSctlr() | El2PageTables.SctlrEnableBits);
    }
}
