// Xen.Guest.ArmHostile: attacks the hypervisor through every door the arm64 ABI opens and expects error values,
// then leaves its memory on purpose. Returns a failure message if any answer is wrong; on success it never
// returns: the final load from IPA 0x30000000 (Device memory in our stage-1 map, but neither RAM nor an
// emulated device in the hypervisor's stage 2) must crash this domain alone.
using Xen.Guest.Arm.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const long EINVAL = 22;
    private const ulong PsciCpuOn64 = 0xC4000003, SmcccArchFeatures = 0x80000001;

    internal static string? Run(ulong deviceTree)
    {
        int answered = 0;
        byte* buffer = stackalloc byte[64];
        // 0x8000_0000 is outside our own stage-1 map (the hypervisor's walk of our tables fails); 0x7000_0000 is
        // mapped by us but past our 64 MiB of RAM (the P2M has no page there).
        if (Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerExtraVersion, 0x8000_0000) != -Hypervisor.EFAULT)
            return "xen_version to a pointer our tables do not map did not give -EFAULT";
        answered++;
        if (Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerCapabilities, 0x7000_0000) != -Hypervisor.EFAULT)
            return "xen_version to a pointer past our memory did not give -EFAULT";
        answered++;
        if (Hypervisor.Call(Hypervisor.ConsoleIo, Hypervisor.ConsoleIoWrite, 1UL << 40, (ulong)buffer) != -EINVAL)
            return "console_io with a 1 TiB count did not give -EINVAL";
        answered++;
        if (Hypervisor.Call(Hypervisor.ConsoleIo, Hypervisor.ConsoleIoWrite, 16, 0x4400_0000) != -Hypervisor.EFAULT)
            return "console_io from just past our RAM did not give -EFAULT";
        answered++;
        if (GuestCpu.Hypercall(ulong.MaxValue, 0, 0, 0, 0, 0) != -Hypervisor.ENOSYS) return "hypercall ~0 did not give -ENOSYS";
        answered++;
        if (Hypervisor.Call(1000) != -Hypervisor.ENOSYS) return "hypercall 1000 did not give -ENOSYS";
        answered++;
        // PSCI (DEN 0022D): CPU_ON of ourselves is ALREADY_ON (-4), of a vCPU we do not have INVALID_PARAMETERS (-2).
        if ((long)GuestCpu.PsciSmc(PsciCpuOn64, 0, 0x40000000, 0) != -4) return "CPU_ON of the running vCPU is not ALREADY_ON";
        answered++;
        if ((long)GuestCpu.PsciHvc(PsciCpuOn64, 5, 0x40000000, 0) != -2) return "CPU_ON of vCPU 5 is not INVALID_PARAMETERS";
        answered++;
        // An SMCCC function nobody implements: NOT_SUPPORTED / unknown function (-1).
        if ((long)GuestCpu.PsciSmc(SmcccArchFeatures, 0, 0, 0) != -1) return "an unknown SMCCC call did not give -1";
        answered++;
        if ((long)GuestCpu.PsciHvc(0x8400001F, 0, 0, 0) != -1) return "an unknown PSCI function did not give NOT_SUPPORTED";
        answered++;

        DebugConsole.Write("armhostile: ");
        DebugConsole.WriteDecimal(answered);
        DebugConsole.WriteLine(" hostile calls answered with errors");
        DebugConsole.WriteLine("armhostile: loading from IPA 0x30000000 (no RAM, no device)");
        uint value = GuestCpu.MmioRead32(0x3000_0000);
        DebugConsole.WriteDecimal(value);
        return "the load outside our memory returned";
    }
}
