// Turns on EL2 stage-1 translation with the tables El2PageTables built. Order (Arm ARM D8.2 and the
// "synchronization requirements" of D19.1): attributes and control (MAIR, TCR) and the table base (TTBR0)
// first, each write followed by ISB in the asm routine; then invalidate stale EL2 TLB entries after a DSB that
// publishes the table stores; then set SCTLR_EL2.M/C/I. The map is an identity map, so the instruction after
// the SCTLR write runs at the same address. The tables were written with the MMU off (non-cacheable), and
// no cacheable alias of them existed before, so no cache maintenance is needed on the way in.
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
