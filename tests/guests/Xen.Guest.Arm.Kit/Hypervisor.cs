// The arm64 guest's view of Xen: hypercalls over `hvc #0xEA1` (xen/include/public/arch-arm.h) and PSCI 1.0
// (Arm DEN 0022D). Constants are repeated from Xen's headers on purpose: a test guest checks the hypervisor
// against the ABI as written, not against the hypervisor's own definitions.
namespace Xen.Guest.Arm.Kit;

internal static unsafe class Hypervisor
{
    internal const int XenVersion = 17, ConsoleIo = 18, SchedOp = 29;
    internal const int XenVerVersion = 0, XenVerExtraVersion = 1, XenVerCapabilities = 3, XenVerPageSize = 7;
    internal const int ConsoleIoWrite = 0, ConsoleIoRead = 1;
    internal const long EFAULT = 14, ENOSYS = 38, EPERM = 1;
    internal const uint PsciVersion = 0x84000000, PsciFeatures = 0x8400000A, PsciMigrateInfoType = 0x84000006;
    internal const uint PsciSystemOff = 0x84000008, PsciSystemReset = 0x84000009;

    internal static long Call(int number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0) =>
        GuestCpu.Hypercall((ulong)number, a0, a1, a2, 0, 0);

    internal static long ConsoleWrite(byte* text, int length) => Call(ConsoleIo, ConsoleIoWrite, (ulong)length, (ulong)text);

    /// <summary>PSCI SYSTEM_OFF (success) or SYSTEM_RESET (failure) over SMC; does not return when it works.</summary>
    internal static void PowerOff(bool success)
    {
        GuestCpu.PsciSmc(success ? PsciSystemOff : PsciSystemReset, 0, 0, 0);
        while (true) GuestCpu.Halt();
    }
}
