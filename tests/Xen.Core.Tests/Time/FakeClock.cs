// A host clock the test drives: the counter is the system time itself (a 1 GHz counter, scale identity),
// so published pvclock records can be checked exactly.
using Xen.Core.Time;

namespace Xen.Core.Tests.Time;

internal sealed class FakeClock : IHostClock
{
    public ulong Now;
    public ulong CounterOffset = 5_000;
    public ulong NowNanoseconds => Now;
    public void Sample(out ulong counter, out ulong systemTimeNanoseconds)
    {
        counter = Now + CounterOffset;
        systemTimeNanoseconds = Now;
    }
    public PvClockScale Scale { get; } = PvClockScale.FromFrequency(1_000_000_000);
    public bool CounterIsStable => true;
    public ulong WallClockSecondsAtBoot => 1_700_000_000;
    public uint WallClockNanosecondsAtBoot => 250;
}
