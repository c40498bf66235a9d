// PSCI 1.0 as a guest sees it (Arm DEN 0022D, §5 "PSCI functions"), over HVC #0 or SMC #0: x0 = function id,
// x1-x3 arguments, result in x0. SMC32/SMC64 ids differ in bit 30 (0x84... vs 0xC4...). Xen's semantics for
// domains (xen/arch/arm/vpsci.c behaviour, described in docs/misc/arm/device-tree/booting.txt "psci"):
// SYSTEM_OFF shuts the domain down with poweroff, SYSTEM_RESET with reboot, CPU_OFF takes the calling vCPU
// down, CPU_SUSPEND waits for an interrupt like WFI, MIGRATE_INFO_TYPE answers 2 ("Trusted OS not present, migration not required").
// This class decides; the vCPU backend applies register effects (CPU_ON's entry point and context id).
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Guest PSCI function handling.</summary>
public static class GuestPsci
{
    /// <summary>PSCI_VERSION: returns major &lt;&lt; 16 | minor.</summary>
    public const uint Version = 0x84000000;
    /// <summary>CPU_SUSPEND (SMC32; SMC64 = 0xC4000001).</summary>
    public const uint CpuSuspend = 0x84000001;
    /// <summary>CPU_OFF.</summary>
    public const uint CpuOff = 0x84000002;
    /// <summary>CPU_ON (SMC32; SMC64 = 0xC4000003).</summary>
    public const uint CpuOn = 0x84000003;
    /// <summary>AFFINITY_INFO (SMC32; SMC64 = 0xC4000004).</summary>
    public const uint AffinityInfo = 0x84000004;
    /// <summary>MIGRATE_INFO_TYPE.</summary>
    public const uint MigrateInfoType = 0x84000006;
    /// <summary>SYSTEM_OFF.</summary>
    public const uint SystemOff = 0x84000008;
    /// <summary>SYSTEM_RESET.</summary>
    public const uint SystemReset = 0x84000009;
    /// <summary>PSCI_FEATURES.</summary>
    public const uint Features = 0x8400000A;
    /// <summary>Bit 30 of a function id: the SMC64 calling convention.</summary>
    public const uint Smc64 = 1u << 30;

    /// <summary>PSCI 1.0 (DEN 0022D §5.1.1: bits [31:16] major, [15:0] minor).</summary>
    public const long Version10 = 0x10000;

    /// <summary>Return codes (DEN 0022D Table 6).</summary>
    public const long Success = 0, NotSupported = -1, InvalidParameters = -2, Denied = -3, AlreadyOn = -4,
        OnPending = -5, InternalFailure = -6, NotPresent = -7, Disabled = -8, InvalidAddress = -9;

    /// <summary>AFFINITY_INFO results (DEN 0022D §5.1.5).</summary>
    public const long AffinityOn = 0, AffinityOff = 1;

    /// <summary>MIGRATE_INFO_TYPE 2: no Trusted OS, migration not required (DEN 0022D §5.1.7).</summary>
    public const long MigrateNotRequired = 2;

    /// <summary>True if <paramref name="function"/> lies in the PSCI range of the SMCCC standard-service calls
    /// (0x84000000-0x8400001F and 0xC4000000-0xC400001F, DEN 0022D §5.2.1).</summary>
    public static bool IsPsci(ulong function)
    {
        ulong id = function & ~(ulong)Smc64;
        return id >= Version && id <= Version + 0x1F;
    }

    /// <summary>What the caller must do besides writing x0.</summary>
    public enum Effect
    {
        /// <summary>Just return the result in x0.</summary>
        None,
        /// <summary>The calling vCPU is down: do not resume it.</summary>
        CallerOff,
        /// <summary>The domain shut down.</summary>
        DomainShutDown,
        /// <summary>Start <c>target</c> at the entry point (x2) with the context id (x3) in its x0.</summary>
        StartTarget,
        /// <summary>CPU_SUSPEND: the caller waits like WFI until an interrupt is pending for it (Xen's vpsci:
        /// every power state is a standby that returns success on wake-up).</summary>
        Suspend,
    }

    /// <summary>Handles function <paramref name="function"/> from <paramref name="caller"/>; returns the value for
    /// x0 and the effect. <paramref name="target"/> is the vCPU CPU_ON names.</summary>
    public static long Handle(Vcpu caller, ulong function, ulong arg1, out Effect effect, out Vcpu? target)
    {
        effect = Effect.None;
        target = null;
        Domain domain = caller.Domain;
        // SMC32 calls pass 32-bit values: only w0 counts (SMCCC DEN 0028 §2.6).
        uint id = (uint)function;
        switch (id)
        {
            case Version:
                return Version10;
            case Features:
                return IsImplemented((uint)arg1) ? 0 : NotSupported;
            case MigrateInfoType:
                return MigrateNotRequired;
            case SystemOff:
                domain.Shutdown(ShutdownReason.PowerOff);
                effect = Effect.DomainShutDown;
                return Success;
            case SystemReset:
                domain.Shutdown(ShutdownReason.Reboot);
                effect = Effect.DomainShutDown;
                return Success;
            case CpuSuspend:
            case CpuSuspend | Smc64:
                effect = Effect.Suspend;
                return Success;
            case CpuOff:
                caller.State = VcpuState.Down;
                effect = Effect.CallerOff;
                return Success;
            case AffinityInfo:
            case AffinityInfo | Smc64:
            {
                Vcpu? v = FindByMpidr(domain, arg1);
                if (v is null) return InvalidParameters;
                return v.State == VcpuState.Down ? AffinityOff : AffinityOn;
            }
            case CpuOn:
            case CpuOn | Smc64:
            {
                Vcpu? v = FindByMpidr(domain, arg1);
                if (v is null) return InvalidParameters;
                if (v.State != VcpuState.Down) return AlreadyOn;
                target = v;
                effect = Effect.StartTarget;
                return Success;
            }
            default:
                return NotSupported;
        }
    }

    /// <summary>True for the functions this implementation provides (answers PSCI_FEATURES).</summary>
    public static bool IsImplemented(uint function) => function switch
    {
        Version or Features or MigrateInfoType or SystemOff or SystemReset or CpuOff => true,
        CpuSuspend or CpuSuspend | Smc64 => true,
        AffinityInfo or AffinityInfo | Smc64 or CpuOn or CpuOn | Smc64 => true,
        _ => false,
    };

    /// <summary>The MPIDR value a vCPU reports: Aff0 = vCPU id (Xen's vcpuid_to_vaffinity for up to 16 vCPUs per
    /// cluster is more elaborate; Aff0 alone covers 256), bit 31 RES1 (Arm ARM, MPIDR_EL1).</summary>
    public static ulong MpidrOf(int vcpuId) => 1UL << 31 | (uint)vcpuId;

    // Affinity fields Aff3:Aff2:Aff1:Aff0 = MPIDR bits [39:32], [23:16], [15:8], [7:0].
    private static Vcpu? FindByMpidr(Domain domain, ulong mpidr)
    {
        if ((mpidr & 0xFF_00FF_FF00) != 0) return null;
        ulong id = mpidr & 0xFF;
        return id < (ulong)domain.Vcpus.Length ? domain.Vcpus[(int)id] : null;
    }
}
