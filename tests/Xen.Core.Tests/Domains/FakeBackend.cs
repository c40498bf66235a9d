// A vCPU backend for hosted tests: guest-linear = guest-physical (paging off) except for addresses the test
// marks unmapped, scripted exits, and a record of what the core asked for.
using Xen.Core.Domains;

namespace Xen.Core.Tests.Domains;

internal sealed class FakeBackend : IVcpuBackend
{
    public readonly Queue<VcpuExit> Exits = new();
    public readonly List<long> HypercallResults = new();
    public readonly List<uint> PortReads = new();
    public ulong UnmappedLinearFrom = ulong.MaxValue;
    public int Skips;
    public int Dumps;
    public VcpuBootState? Boot;

    public void LoadBootState(in VcpuBootState state) => Boot = state;
    public VcpuExit Run() => Exits.Count > 0 ? Exits.Dequeue() : new VcpuExit { Kind = VcpuExitKind.Halt };
    public void CompleteHypercall(long result) => HypercallResults.Add(result);
    public void CompletePortIo(uint value) => PortReads.Add(value);
    public void SkipInstruction() => Skips++;
    public void DumpState() => Dumps++;

    public bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical)
    {
        guestPhysical = linear;
        return linear < UnmappedLinearFrom;
    }
}
