// Xen.Guest.ArmHello: the first arm64 guest-visible ABI checks. Returns null on success or the first failure.
//   1. We run at EL1 (CurrentEL = 0b01 << 2) with our own stage-1 map on (GuestEntry.s).
//   2. xen_version over hvc #0xEA1: version 0x40007, pagesize 4096, extraversion NUL-padded, written through
//      our virtual address (the hypervisor walks our stage-1 tables).
//   3. console_io write; CONSOLEIO_read refused (-EPERM), an unknown hypercall -ENOSYS, a pointer outside our
//      RAM -EFAULT.
//   4. PSCI: PSCI_VERSION 1.0 over HVC, PSCI_FEATURES(SYSTEM_OFF) = 0 and MIGRATE_INFO_TYPE = 2 over SMC.
//   5. The HVC round trip, measured with CNTVCT_EL0 around xen_version(XENVER_version).
using Xen.Guest.Arm.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const int RoundTrips = 200;

    internal static string? Run(ulong deviceTree)
    {
        DebugConsole.WriteLine("armhello: EL1, runtime up, printing through the vpl011");
        if (GuestCpu.CurrentEl() != 1 << 2) return "not running at EL1";

        long version = Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerVersion);
        if (version != 0x40007) return "xen_version(XENVER_version) is not 4.7";
        if (Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerPageSize) != 4096) return "XENVER_pagesize is not 4096";
        byte* extra = stackalloc byte[32];
        for (int i = 0; i < 32; i++) extra[i] = 0xAA;
        if (Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerExtraVersion, (ulong)extra) != 0) return "XENVER_extraversion failed";
        if (extra[16] != 0xAA) return "XENVER_extraversion wrote past 16 bytes";
        int length = 0;
        while (length < 16 && extra[length] != 0) length++;

        byte* line = stackalloc byte[64];
        int n = 0;
        foreach (byte b in "armhello: Xen 4.7"u8) line[n++] = b;
        for (int i = 0; i < length; i++) line[n++] = extra[i];
        foreach (byte b in " via hvc #0xEA1, this line via console_io\n"u8) line[n++] = b;
        if (Hypervisor.ConsoleWrite(line, n) != 0) return "console_io write did not return 0";

        if (Hypervisor.Call(Hypervisor.ConsoleIo, Hypervisor.ConsoleIoRead, 16, (ulong)extra) != -Hypervisor.EPERM)
            return "CONSOLEIO_read was not refused";
        if (Hypervisor.Call(60) != -Hypervisor.ENOSYS) return "an unknown hypercall did not give -ENOSYS";
        // 0x7000_0000: a valid virtual address in our map (Normal, 1-2 GiB block), but past our 64 MiB of RAM.
        if (Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerExtraVersion, 0x7000_0000) != -Hypervisor.EFAULT)
            return "a pointer past our memory did not give -EFAULT";

        if (GuestCpu.PsciHvc(Hypervisor.PsciVersion, 0, 0, 0) != 0x10000) return "PSCI_VERSION is not 1.0";
        if (GuestCpu.PsciSmc(Hypervisor.PsciFeatures, Hypervisor.PsciSystemOff, 0, 0) != 0) return "PSCI_FEATURES(SYSTEM_OFF) is not 0";
        if (GuestCpu.PsciSmc(Hypervisor.PsciMigrateInfoType, 0, 0, 0) != 2) return "MIGRATE_INFO_TYPE is not 2";
        DebugConsole.WriteLine("armhello: PSCI 1.0 over HVC and SMC");

        ulong start = GuestCpu.Counter();
        for (int i = 0; i < RoundTrips; i++) Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerVersion);
        ulong ticks = GuestCpu.Counter() - start;
        ulong frequency = GuestCpu.CounterFrequency();
        DebugConsole.Write("armhello: hypercall round trip ");
        DebugConsole.WriteDecimal(ticks / RoundTrips);
        DebugConsole.Write(" CNTVCT ticks (");
        DebugConsole.WriteDecimal(frequency == 0 ? 0 : ticks * 1_000_000_000 / frequency / RoundTrips);
        DebugConsole.WriteLine(" ns, xen_version)");
        return null;
    }
}
