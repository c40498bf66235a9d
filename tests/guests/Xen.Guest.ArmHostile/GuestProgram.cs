// Xen.Guest.ArmHostile: attacks the hypervisor through every door the arm64 ABI opens and expects error values,
// abuses the vGICv3 (registers at offsets and frames that do not exist, SGIs to vCPUs it does not have, a storm
// of self-SGIs) and PSCI (CPU_ON/AFFINITY_INFO of bad MPIDRs), then leaves its memory on purpose. Returns a failure message if any answer is wrong; on success it never
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
        string? gic = AbuseInterrupts();
        if (gic is not null) return gic;
        DebugConsole.WriteLine("armhostile: loading from IPA 0x30000000 (no RAM, no device)");
        uint value = GuestCpu.MmioRead32(0x3000_0000);
        DebugConsole.WriteDecimal(value);
        return "the load outside our memory returned";
    }

    private static ulong s_storm;

    private static void CountStorm(int cpu, uint intid) => s_storm++;

    // The vGIC and PSCI under abuse: every answer must be the architected one and the domain must keep running.
    private static string? AbuseInterrupts()
    {
        const ulong Gicd = 0x03001000, Gicr = 0x03020000, Stride = 0x20000;
        // Offsets the distributor does not implement read as zero and ignore writes; private INTIDs through GICD too.
        GuestCpu.MmioWrite32(Gicd + 0x5000, 0xFFFFFFFF);
        if (GuestCpu.MmioRead32(Gicd + 0x5000) != 0) return "an unimplemented GICD offset did not read as zero";
        GuestCpu.MmioWrite32(Gicd + 0x100, 0xFFFFFFFF); // ISENABLER0: banked, RAZ/WI with affinity routing
        if (GuestCpu.MmioRead32(Gicd + 0x100) != 0) return "GICD_ISENABLER0 is not RAZ/WI";
        GuestCpu.MmioWrite32(Gicd + 0x6000 + 8 * 95, 0xFF); // IROUTER of an SPI to a vCPU that does not exist
        // Redistributor frames past our single vCPU: read as zero, writes ignored.
        GuestCpu.MmioWrite32(Gicr + 7 * Stride + 0x10100, 0xFFFFFFFF);
        if (GuestCpu.MmioRead32(Gicr + 7 * Stride + 0x8) != 0) return "a missing redistributor frame did not read as zero";
        if ((GuestCpu.MmioRead32(Gicr + 0xC) & 0xFF) != 0) return "GICR_TYPER affinity of vCPU 0 is not 0";
        // PSCI with malformed MPIDRs: Aff1 set, and AFFINITY_INFO of a vCPU that does not exist.
        if ((long)GuestCpu.PsciHvc(PsciCpuOn64, 0x100, 0x40000000, 0) != -2) return "CPU_ON of MPIDR 0x100 is not INVALID_PARAMETERS";
        if ((long)GuestCpu.PsciHvc(0xC4000004, 9, 0, 0) != -2) return "AFFINITY_INFO of vCPU 9 is not INVALID_PARAMETERS";
        // SGIs to vCPUs we do not have (Aff0 1-15, Aff1 1, every range selector) go nowhere.
        GuestCpu.WriteSgi1r(1UL << 24 | 0xFFFE);
        GuestCpu.WriteSgi1r(1UL << 24 | 1UL << 16 | 0xFFFF);
        GuestCpu.WriteSgi1r(1UL << 24 | 0xFUL << 44 | 0xFFFF);
        // An interrupt storm: 2000 self-SGIs with interrupts on; each is taken, the hypervisor stays responsive.
        GuestGic.InitializeDistributor();
        GuestGic.InitializeCpu(0);
        GuestGic.Enable(0, 2);
        GuestInterrupts.SetHandler(&CountStorm);
        GuestCpu.EnableInterrupts();
        for (int i = 0; i < 2000; i++) GuestGic.SendSgi(2, 1);
        for (int spin = 0; spin < 1000 && s_storm < 2000; spin++) { } // each write traps and the SGI is taken on return
        GuestCpu.DisableInterrupts();
        // With interrupts masked the same storm coalesces into one pending SGI.
        ulong before = s_storm;
        for (int i = 0; i < 500; i++) GuestGic.SendSgi(2, 1);
        GuestCpu.EnableInterrupts();
        for (int spin = 0; spin < 1000; spin++) { }
        GuestCpu.DisableInterrupts();
        if (before == 0) return "the SGI storm was not delivered";
        if (s_storm - before != 1) return "SGIs sent while masked did not coalesce into one";
        if (Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerVersion) != 0x40007) return "the hypervisor stopped answering after the storm";
        DebugConsole.Write("armhostile: vGIC and PSCI abuse contained, ");
        DebugConsole.WriteDecimal(s_storm);
        DebugConsole.WriteLine(" storm SGIs taken");
        return null;
    }
}
