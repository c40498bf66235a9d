// Powering QEMU off with a status. PSCI SYSTEM_OFF (function id 0x84000008, Arm DEN 0022 5.1.9) through the
// SMC conduit — at EL2 with `-M virt,virtualization=on` QEMU's PSCI lives at "EL3" and answers SMC
// (shared/notes/toolchain-arm64.md) — makes QEMU exit with status 0 whatever we pass. A non-zero status
// needs semihosting SYS_EXIT (operation 0x18; on AArch64 x1 points to {reason, subcode} with reason
// ADP_Stopped_ApplicationExit 0x20026 and subcode = exit status: Arm IHI 0073 "SYS_EXIT"), which QEMU honours
// with `-semihosting-config enable=on,target=native`. Without that option the HLT traps as an undefined
// instruction, so it is used only when the command line says `semihosting` (the boot tests pass both).

namespace Xen.Arch.Arm.Hardware;

/// <summary>Machine power control.</summary>
internal static unsafe class Psci
{
    private const ulong SystemOff = 0x84000008;
    private const ulong SemihostingExit = 0x18;
    private const ulong ApplicationExit = 0x20026;

    private static bool s_semihostingExit;

    /// <summary>Allows semihosting SYS_EXIT for a non-zero status (the command line contains `semihosting`).</summary>
    internal static void EnableSemihostingExit() => s_semihostingExit = true;

    /// <summary>Stops the machine; never returns.</summary>
    internal static void PowerOff(int status)
    {
        SystemRegisters.DisableInterrupts();
        if (s_semihostingExit)
        {
            // Once only: if QEMU lacks -semihosting-config the HLT traps, the trap panics, and the panic's
            // power-off must then fall through to PSCI instead of trapping again.
            s_semihostingExit = false;
            ulong* block = stackalloc ulong[2];
            block[0] = ApplicationExit;
            block[1] = (ulong)(uint)status;
            SystemRegisters.Semihost(SemihostingExit, (ulong)block);
        }
        SystemRegisters.SecureMonitorCall(SystemOff, 0, 0, 0);
        // No PSCI firmware (or it returned an error): stop here.
        while (true) SystemRegisters.WaitForEvent();
    }
}
