// ICH_LR<n>_EL2, one virtual interrupt presented to the guest (Arm IHI 0069, §12.4.6 ICH_LR<n>_EL2):
//   [31:0] vINTID, [41:32] pINTID (HW = 1) or bit 41 EOI (HW = 0: maintenance interrupt on deactivation),
//   [55:48] Priority, bit 60 Group (1 = group 1), bit 61 HW, [63:62] State: 00 invalid, 01 pending,
//   10 active, 11 pending and active.
// The guest acknowledges (pending → active) and ends (active → invalid) the interrupt without exiting; the
// hypervisor reads the state back at the next exit.
namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>Encodes and decodes list-register values.</summary>
public static class ListRegister
{
    /// <summary>State field values.</summary>
    public const ulong StateInvalid = 0, StatePending = 1, StateActive = 2, StatePendingActive = 3;

    /// <summary>Group bit: group 1.</summary>
    public const ulong Group1 = 1UL << 60;

    /// <summary>A pending, group-1, software (HW = 0) interrupt.</summary>
    public static ulong Pending(uint intid, byte priority) => StatePending << 62 | Group1 | (ulong)priority << 48 | intid;

    /// <summary>The State field.</summary>
    public static ulong State(ulong lr) => lr >> 62;

    /// <summary>The value with State replaced.</summary>
    public static ulong WithState(ulong lr, ulong state) => (lr & ~(3UL << 62)) | state << 62;

    /// <summary>vINTID.</summary>
    public static uint Intid(ulong lr) => (uint)lr;

    /// <summary>Priority.</summary>
    public static byte Priority(ulong lr) => (byte)(lr >> 48);
}
