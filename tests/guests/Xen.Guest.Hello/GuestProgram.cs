// Xen.Guest.Hello: the first guest-visible ABI checks. Returns null on success or the first failure.
//   1. CPUID 0x40000000 says "XenVMMXenVMM" with leaves up to base+4; base+1 = 4.7; base+2 names one
//      hypercall page at MSR 0x40000000 (public/arch-x86/cpuid.h).
//   2. Writing the MSR fills our page with `mov $nr,%eax; vmmcall; ret` stubs.
//   3. xen_version: version 0x40007, pagesize 4096, extraversion exactly 16 bytes NUL-padded.
//   4. Hostile arguments get errno values: a pointer our page tables do not map and a pointer to memory
//      outside our 128 MiB both give -EFAULT, an unknown hypercall -ENOSYS.
//   5. The VMMCALL round trip, measured with RDTSC around xen_version(XENVER_version).
using Xen.Guest.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const int RoundTrips = 200;

    internal static string? Run(byte* startInfo)
    {
        DebugConsole.WriteLine("hello: long mode, runtime up (debug port 0xE9)");
        if (!Kit.Xen.HasSignature(out uint maxLeaf)) return "CPUID 0x40000000 has no XenVMMXenVMM signature";
        if (maxLeaf < Kit.Xen.CpuidBase + 2) return "CPUID 0x40000000 reports too few leaves";
        uint* r = stackalloc uint[4];
        Kit.Xen.Cpuid(Kit.Xen.CpuidBase + 1, r);
        if (r[0] != 0x00040007) return "CPUID 0x40000001 is not version 4.7";
        Kit.Xen.Cpuid(Kit.Xen.CpuidBase + 2, r);
        if (r[0] != 1 || r[1] != 0x40000000) return "CPUID 0x40000002 does not name one page at MSR 0x40000000";

        uint msr = Kit.Xen.InstallHypercallPage();
        byte* page = GuestCpu.HypercallPage();
        byte* stub = page + 17 * 32;
        if (stub[0] != 0xB8 || stub[1] != 17 || stub[5] != 0x0F || stub[6] != 0x01 || stub[7] != 0xD9 || stub[8] != 0xC3)
            return "hypercall page stub 17 is not mov $17,%eax; vmmcall; ret";
        DebugConsole.Write("hello: hypercall page installed through MSR ");
        DebugConsole.WriteHex(msr);
        DebugConsole.WriteLine();

        long version = Kit.Xen.Call(Kit.Xen.XenVersion, Kit.Xen.XenVerVersion);
        if (version != 0x40007) return "xen_version(XENVER_version) is not 4.7";
        if (Kit.Xen.Call(Kit.Xen.XenVersion, Kit.Xen.XenVerPageSize) != 4096) return "XENVER_pagesize is not 4096";
        byte* extra = stackalloc byte[32];
        for (int i = 0; i < 32; i++) extra[i] = 0xAA;
        if (Kit.Xen.Call(Kit.Xen.XenVersion, Kit.Xen.XenVerExtraVersion, (ulong)extra) != 0) return "XENVER_extraversion failed";
        if (extra[16] != 0xAA) return "XENVER_extraversion wrote past 16 bytes";
        int length = 0;
        while (length < 16 && extra[length] != 0) length++;
        for (int i = length; i < 16; i++)
            if (extra[i] != 0) return "XENVER_extraversion is not NUL-padded";
        DebugConsole.Write("hello: Xen ");
        DebugConsole.WriteDecimal(version >> 16);
        DebugConsole.Write('.');
        DebugConsole.WriteDecimal(version & 0xFFFF);
        DebugConsole.WriteAscii(new System.ReadOnlySpan<byte>(extra, length));
        DebugConsole.WriteLine(" via the hypercall page");

        if (Kit.Xen.Call(Kit.Xen.XenVersion, Kit.Xen.XenVerExtraVersion, 0x0000_7000_0000_0000) != -Kit.Xen.EFAULT)
            return "a pointer outside our page tables did not give -EFAULT";
        if (Kit.Xen.Call(Kit.Xen.XenVersion, Kit.Xen.XenVerCapabilities, 0x2000_0000) != -Kit.Xen.EFAULT)
            return "a pointer past our memory did not give -EFAULT";
        if (Kit.Xen.Call(60) != -Kit.Xen.ENOSYS) return "an unknown hypercall did not give -ENOSYS";
        if (Kit.Xen.Call(Kit.Xen.ConsoleIo, 1, 16, (ulong)extra) != -Kit.Xen.EPERM) return "CONSOLEIO_read was not refused";

        ulong start = GuestCpu.ReadTsc();
        for (int i = 0; i < RoundTrips; i++) Kit.Xen.Call(Kit.Xen.XenVersion, Kit.Xen.XenVerVersion);
        ulong cycles = (GuestCpu.ReadTsc() - start) / RoundTrips;
        DebugConsole.Write("hello: hypercall round trip ");
        DebugConsole.WriteDecimal(cycles);
        DebugConsole.WriteLine(" cycles (xen_version, guest RDTSC)");
        return null;
    }
}
