// One domain the image should start, as the bundle describes it: the settings the builder needs, the kernel
// and ramdisk as ranges of the boot module (zero-copy), the final command line, and the full parsed
// configuration for anything else (unknown keys included).
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>A domain to build.</summary>
public sealed class DomainSpec
{
    /// <summary>Default memory for a lone kernel (MiB).</summary>
    public const ulong DefaultMemoryMiB = 128;

    /// <summary>Most vCPUs a bundle may ask for.</summary>
    public const int MaxVcpus = 128;

    /// <summary>name=.</summary>
    public string Name { get; internal set; } = "d1";

    /// <summary>The cfg file in the archive ("" for a lone kernel).</summary>
    public string ConfigFile { get; internal set; } = string.Empty;

    /// <summary>type= (pvh when absent).</summary>
    public GuestType Type { get; internal set; }

    /// <summary>memory= in MiB.</summary>
    public ulong MemoryMiB { get; internal set; } = DefaultMemoryMiB;

    /// <summary>maxmem= in MiB (memory= when absent).</summary>
    public ulong MaxMemoryMiB { get; internal set; } = DefaultMemoryMiB;

    /// <summary>vcpus= (1 when absent).</summary>
    public int Vcpus { get; internal set; } = 1;

    /// <summary>maxvcpus= (vcpus= when absent).</summary>
    public int MaximumVcpus { get; internal set; } = 1;

    /// <summary>The kernel in the boot module.</summary>
    public ByteRange Kernel { get; internal set; }

    /// <summary>The kernel's format.</summary>
    public KernelFormat KernelFormat { get; internal set; }

    /// <summary>The ramdisk in the boot module (empty when none).</summary>
    public ByteRange Ramdisk { get; internal set; }

    /// <summary>The guest command line: cmdline=, else "root=ROOT EXTRA" from root=/extra=, else the module's
    /// command line for a lone kernel. ASCII bytes, no NUL.</summary>
    public byte[] CommandLine { get; internal set; } = Array.Empty<byte>();

    /// <summary>Hard affinity from cpus=: empty = no pinning; a CPULIST string gives one mask for every vCPU, the list
    /// form one mask per vCPU (vCPU i → mask i, see <see cref="AffinityIsPerVcpu"/>).</summary>
    public CpuMask[] Affinity { get; internal set; } = Array.Empty<CpuMask>();

    /// <summary>True when cpus= was a list: <see cref="Affinity"/>[i] is vCPU i's mask, later vCPUs are unpinned.</summary>
    public bool AffinityIsPerVcpu { get; internal set; }

    /// <summary>on_poweroff= (destroy).</summary>
    public DomainAction OnPoweroff { get; internal set; } = DomainAction.Destroy;

    /// <summary>on_reboot= (restart).</summary>
    public DomainAction OnReboot { get; internal set; } = DomainAction.Restart;

    /// <summary>on_crash= (destroy).</summary>
    public DomainAction OnCrash { get; internal set; } = DomainAction.Destroy;

    /// <summary>Every setting of the cfg file; null for a lone kernel.</summary>
    public XlConfig? Config { get; internal set; }

    /// <summary>The kernel bytes in <paramref name="module"/>.</summary>
    public ReadOnlySpan<byte> KernelIn(ReadOnlySpan<byte> module) => Kernel.In(module);

    /// <summary>The ramdisk bytes in <paramref name="module"/> (empty when none).</summary>
    public ReadOnlySpan<byte> RamdiskIn(ReadOnlySpan<byte> module) => Ramdisk.In(module);

    /// <summary>The affinity of vCPU <paramref name="vcpu"/>: its mask, the shared one, or all CPUs when unpinned.</summary>
    public CpuMask AffinityOf(int vcpu)
    {
        if (Affinity.Length == 0) return CpuMask.All;
        if (!AffinityIsPerVcpu) return Affinity[0];
        return (uint)vcpu < (uint)Affinity.Length ? Affinity[vcpu] : CpuMask.All;
    }
}
