// Bindings to GuestEntry.s ([RuntimeImport]: a direct `bl`, shared/notes/toolchain-arm64.md binding style 1).
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Guest entry/exit and stage-2 control routines.</summary>
internal static unsafe class GuestRoutines
{
    /// <summary>Runs the guest of <paramref name="context"/> until it exits; returns the exit vector index.</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_guest_run")] internal static extern ulong Run(VcpuContext* context);
    /// <summary>Installs VTTBR_EL2 and flushes that VMID's TLB entries.</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_stage2_activate")] internal static extern void ActivateStage2(ulong vttbr);
    /// <summary>Sets VTCR_EL2 and the guest timer controls.</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_guest_el2_setup")] internal static extern void SetupEl2(ulong vtcr);
    /// <summary>Makes the next entry reload the EL1 registers from the block (after C# rewrote them).</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_el1_forget")] internal static extern void ForgetEl1();
    /// <summary>AT S1E1R on the loaded guest EL1 context; returns PAR_EL1.</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_at_s1e1r")] internal static extern ulong TranslateStage1Read(ulong va);
}
