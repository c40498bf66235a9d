// ASIDs per physical CPU (AMD APM vol. 2 §15.16 "TLB control"): the TLB tags guest translations with the
// VMCB's ASID, so two vCPUs sharing an ASID on one CPU would see each other's guest-virtual translations
// (they have different guest CR3s even within one domain). Each CPU therefore hands out its own ASIDs to the
// vCPUs that run on it, in generations: when a CPU runs out, it starts a new generation and flushes its
// whole TLB once, and every vCPU whose ASID is from an older generation gets a fresh one on its next entry
// there. The same scheme as Xen's hvm_asid_handle_vmenter; it also means any number of domains fit in the
// 16 ASIDs QEMU's TCG reports.
namespace Xen.Arch.X86.Svm;

/// <summary>ASID generations of every physical CPU.</summary>
public sealed class AsidSpace
{
    private readonly ulong[] _generation;
    private readonly uint[] _next;
    private readonly uint _limit;

    /// <summary>Creates the space for <paramref name="cpuCount"/> CPUs with ASIDs 1 .. <paramref name="asidCount"/>-1
    /// (ASID 0 belongs to the host; CPUID 8000_000A EBX gives the count).</summary>
    public AsidSpace(int cpuCount, uint asidCount)
    {
        _generation = new ulong[cpuCount];
        _next = new uint[cpuCount];
        for (int i = 0; i < cpuCount; i++) { _generation[i] = 1; _next[i] = 1; }
        _limit = asidCount < 2 ? 2 : asidCount;
    }

    /// <summary>Generations started so far on <paramref name="cpu"/> (full flushes), for statistics.</summary>
    public ulong Generation(int cpu) => _generation[cpu];

    /// <summary>Gives the vCPU about to enter on <paramref name="cpu"/> a valid ASID. <paramref name="tag"/> is the
    /// vCPU's last (cpu, generation, asid); returns the TLB_CONTROL value the entry needs (0 = none,
    /// 1 = flush everything because a new generation began).</summary>
    public byte Assign(int cpu, ref AsidTag tag)
    {
        if (tag.Cpu == cpu && tag.Generation == _generation[cpu] && tag.Asid != 0) return 0;
        byte control = 0;
        if (_next[cpu] >= _limit)
        {
            _generation[cpu]++;
            _next[cpu] = 1;
            control = 1;
        }
        tag.Cpu = cpu;
        tag.Generation = _generation[cpu];
        tag.Asid = _next[cpu]++;
        return control;
    }
}

/// <summary>Where and when a vCPU last got its ASID.</summary>
public struct AsidTag
{
    /// <summary>The CPU the ASID belongs to (-1: none yet).</summary>
    public int Cpu;
    /// <summary>That CPU's generation at assignment.</summary>
    public ulong Generation;
    /// <summary>The ASID.</summary>
    public uint Asid;

    /// <summary>A tag that matches no CPU, forcing an assignment (and so a clean TLB) on the next entry.</summary>
    public static AsidTag None => new AsidTag { Cpu = -1 };
}
