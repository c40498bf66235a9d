// The saved state of one Arm vCPU, shared with GuestEntry.s: the assembly reads and writes it by byte offset,
// so the layout is explicit and every offset the assembly uses is a constant here (a hosted test checks
// them against the struct). One block per vCPU, allocated from the page allocator so it never moves;
// TPIDR_EL2 points at the running vCPU's block while the guest runs, which is how the lower-EL vectors find it.
// Contents: guest x0-x30 and pc/PSTATE (ELR_EL2/SPSR_EL2), the exit syndrome (ESR/FAR/HPFAR_EL2), the host's
// callee-saved registers (AAPCS64: x19-x30, sp, d8-d15) across the guest run, the guest's FP/SIMD state, the
// EL1 system registers a guest owns (Arm ARM DDI 0487, "EL1 and EL0 system registers"), and the EL2 controls
// loaded per entry (VTTBR_EL2, HCR_EL2, VMPIDR_EL2) and the domain's CNTVOFF_EL2.
using System.Runtime.InteropServices;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Register block of one Arm vCPU (layout fixed: GuestEntry.s uses the offsets below).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct VcpuContext
{
    /// <summary>Bytes in the block.</summary>
    public const int Size = 1248;
    /// <summary>Offset of guest x0 (x0-x30 follow, 8 bytes each).</summary>
    public const int OffsetX = 0;
    /// <summary>Offset of the guest pc (ELR_EL2).</summary>
    public const int OffsetPc = 248;
    /// <summary>Offset of the guest PSTATE (SPSR_EL2).</summary>
    public const int OffsetPstate = 256;
    /// <summary>Offset of ESR_EL2 at the last exit.</summary>
    public const int OffsetEsr = 264;
    /// <summary>Offset of the exit vector index (8-11: lower EL AArch64 sync/IRQ/FIQ/SError).</summary>
    public const int OffsetVector = 288;
    /// <summary>Offset of the host x19-x30 save area.</summary>
    public const int OffsetHost = 304;
    /// <summary>Offset of the host sp.</summary>
    public const int OffsetHostSp = 400;
    /// <summary>Offset of the host d8-d15.</summary>
    public const int OffsetHostFp = 416;
    /// <summary>Offset of guest q0-q31 (16 bytes each).</summary>
    public const int OffsetFp = 480;
    /// <summary>Offset of guest FPSR (FPCR follows).</summary>
    public const int OffsetFpsr = 992;
    /// <summary>Offset of the EL1 system-register block (<see cref="El1RegisterCount"/> registers in GuestEntry.s order).</summary>
    public const int OffsetEl1 = 1008;
    /// <summary>Number of EL1/EL0 system registers switched per entry and exit.</summary>
    public const int El1RegisterCount = 26;
    /// <summary>Offset of VTTBR_EL2 (HCR_EL2, VMPIDR_EL2 and CNTVOFF_EL2 follow).</summary>
    public const int OffsetVttbr = 1216;
    /// <summary>Offset of CNTVOFF_EL2 (loaded with the EL1 registers: it changes only with the vCPU).</summary>
    public const int OffsetCntvoff = 1240;

    /// <summary>Guest general-purpose registers x0-x30.</summary>
    [FieldOffset(OffsetX)] public fixed ulong X[31];
    /// <summary>Guest program counter: where ERET resumes (ELR_EL2).</summary>
    [FieldOffset(OffsetPc)] public ulong Pc;
    /// <summary>Guest PSTATE as SPSR_EL2 holds it.</summary>
    [FieldOffset(OffsetPstate)] public ulong Pstate;
    /// <summary>ESR_EL2 of the last exit.</summary>
    [FieldOffset(OffsetEsr)] public ulong Esr;
    /// <summary>FAR_EL2 of the last exit (guest virtual address of an abort).</summary>
    [FieldOffset(272)] public ulong Far;
    /// <summary>HPFAR_EL2 of the last exit (faulting IPA bits [47:12] in bits [43:4]).</summary>
    [FieldOffset(280)] public ulong Hpfar;
    /// <summary>Vector index of the last exit.</summary>
    [FieldOffset(OffsetVector)] public ulong Vector;
    /// <summary>Host callee-saved registers (owned by GuestEntry.s).</summary>
    [FieldOffset(OffsetHost)] public fixed ulong Host[12];
    /// <summary>Host stack pointer (owned by GuestEntry.s).</summary>
    [FieldOffset(OffsetHostSp)] public ulong HostSp;
    /// <summary>Host d8-d15 (owned by GuestEntry.s).</summary>
    [FieldOffset(OffsetHostFp)] public fixed ulong HostFp[8];
    /// <summary>Guest q0-q31 as 64 doublewords (low half first).</summary>
    [FieldOffset(OffsetFp)] public fixed ulong Fp[64];
    /// <summary>Guest FPSR.</summary>
    [FieldOffset(OffsetFpsr)] public ulong Fpsr;
    /// <summary>Guest FPCR.</summary>
    [FieldOffset(1000)] public ulong Fpcr;
    /// <summary>Guest EL1/EL0 system registers, indexed by <see cref="El1Register"/>.</summary>
    [FieldOffset(OffsetEl1)] public fixed ulong El1[El1RegisterCount];
    /// <summary>VTTBR_EL2 for this vCPU's domain: stage-2 root | VMID &lt;&lt; 48.</summary>
    [FieldOffset(OffsetVttbr)] public ulong Vttbr;
    /// <summary>HCR_EL2 while this vCPU runs.</summary>
    [FieldOffset(1224)] public ulong Hcr;
    /// <summary>VMPIDR_EL2: the MPIDR_EL1 value the guest reads.</summary>
    [FieldOffset(1232)] public ulong Vmpidr;
    /// <summary>CNTVOFF_EL2: the domain's virtual counter offset (CNTVCT = CNTPCT - CNTVOFF; Arm ARM D11.2.4).</summary>
    [FieldOffset(OffsetCntvoff)] public ulong Cntvoff;
}
