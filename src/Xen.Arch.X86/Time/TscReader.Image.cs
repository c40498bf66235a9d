// RDTSC for the image (Cpu.s xen_rdtsc). Not serialising: the clock only needs monotonic reads on one CPU.
using Xen.Arch.X86.Hardware;

namespace Xen.Arch.X86.Time;

/// <summary>The hardware TSC.</summary>
internal sealed class TscReader : ITscReader
{
    /// <inheritdoc />
    public ulong Read() => Cpu.ReadTsc();
}
