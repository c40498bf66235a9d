// The guest's view of Xen: find the hypervisor through CPUID leaves 0x40000000+ (public/arch-x86/cpuid.h),
// install the hypercall page through the MSR leaf base+2 names, and call hypercalls through the page.
// Constants are repeated here on purpose: a test guest checks the hypervisor against the ABI as written in
// Xen's headers, not against the hypervisor's own definitions.
namespace Xen.Guest.Kit;

/// <summary>Hypercalls and discovery for test guests.</summary>
internal static unsafe class Xen
{
    internal const uint CpuidBase = 0x40000000;
    internal const int XenVersion = 17, ConsoleIo = 18, SchedOp = 29;
    internal const int XenVerVersion = 0, XenVerExtraVersion = 1, XenVerCompileInfo = 2, XenVerCapabilities = 3, XenVerPageSize = 7;
    internal const int ConsoleIoWrite = 0;
    internal const int SchedOpShutdown = 2;
    internal const uint ShutdownPowerOff = 0, ShutdownCrash = 3;
    internal const long EFAULT = 14, ENOSYS = 38, EPERM = 1;

    private static bool s_pageInstalled;

    /// <summary>True once the hypercall page is installed.</summary>
    internal static bool HasHypercallPage => s_pageInstalled;

    /// <summary>CPUID leaf <paramref name="leaf"/>: EAX, EBX, ECX, EDX into <paramref name="r"/>.</summary>
    internal static void Cpuid(uint leaf, uint* r) => GuestCpu.CpuId(leaf, 0, r);

    /// <summary>True if CPUID base reports "XenVMMXenVMM".</summary>
    internal static bool HasSignature(out uint maxLeaf)
    {
        uint* r = stackalloc uint[4];
        Cpuid(CpuidBase, r);
        maxLeaf = r[0];
        return r[1] == 0x566e6558 && r[2] == 0x65584d4d && r[3] == 0x4d4d566e;
    }

    /// <summary>Writes the hypercall page's address to the MSR leaf base+2 names; returns the MSR.</summary>
    internal static uint InstallHypercallPage()
    {
        uint* r = stackalloc uint[4];
        Cpuid(CpuidBase + 2, r);
        GuestCpu.WriteMsr(r[1], (ulong)GuestCpu.HypercallPage());
        s_pageInstalled = true;
        return r[1];
    }

    internal static long Call(int number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0) => GuestCpu.Hypercall((ulong)number, a0, a1, a2);

    internal static long ConsoleWrite(byte* text, int length) => Call(ConsoleIo, ConsoleIoWrite, (ulong)length, (ulong)text);

    /// <summary>SCHEDOP_shutdown with <paramref name="reason"/>; does not return when it works.</summary>
    internal static void Shutdown(uint reason)
    {
        uint arg = reason;
        Call(SchedOp, SchedOpShutdown, (ulong)&arg);
        while (true) GuestCpu.Halt();
    }
}
