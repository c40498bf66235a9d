// Xen.Core's IHostClock on x86: system time is the TSC since boot scaled to nanoseconds with the very
// tsc_to_system_mul/tsc_shift published to guests (PvClockScale), so hypervisor timers and a guest's
// pvclock extrapolation agree to the nanosecond. The guest's TSC is the host's (the VMCB TSC offset is 0).
// Reads never go backwards: a smaller result than the last one (another CPU's TSC lagging) returns the last.
using Xen.Core.Time;

namespace Xen.Arch.X86.Time;

/// <summary>TSC-based host clock.</summary>
public sealed class TscClock : IHostClock
{
    private readonly ITscReader _tsc;
    private readonly ulong _tscAtZero;
    private ulong _last;

    /// <summary>A clock whose system time 0 is TSC <paramref name="tscAtZero"/>, ticking <paramref name="tscHz"/>
    /// per second; the wallclock at system time 0 is <paramref name="wallSeconds"/>.<paramref name="wallNanoseconds"/>.</summary>
    public TscClock(ITscReader tsc, ulong tscHz, ulong tscAtZero, ulong wallSeconds, uint wallNanoseconds, bool stable)
    {
        _tsc = tsc;
        _tscAtZero = tscAtZero;
        Frequency = tscHz;
        Scale = PvClockScale.FromFrequency(tscHz);
        WallClockSecondsAtBoot = wallSeconds;
        WallClockNanosecondsAtBoot = wallNanoseconds;
        CounterIsStable = stable;
    }

    /// <summary>The TSC frequency in Hz.</summary>
    public ulong Frequency { get; }

    /// <inheritdoc />
    public PvClockScale Scale { get; }

    /// <inheritdoc />
    public bool CounterIsStable { get; }

    /// <inheritdoc />
    public ulong WallClockSecondsAtBoot { get; }

    /// <inheritdoc />
    public uint WallClockNanosecondsAtBoot { get; }

    /// <inheritdoc />
    public ulong NowNanoseconds
    {
        get
        {
            Sample(out _, out ulong now);
            return now;
        }
    }

    /// <inheritdoc />
    public void Sample(out ulong counter, out ulong systemTimeNanoseconds)
    {
        counter = _tsc.Read();
        ulong now = counter > _tscAtZero ? Scale.ToNanoseconds(counter - _tscAtZero) : 0;
        if (now < _last) now = _last;
        _last = now;
        systemTimeNanoseconds = now;
    }

    /// <summary>TSC value at system time <paramref name="nanoseconds"/> (for arming a deadline in TSC units),
    /// the inverse of the scale up to rounding.</summary>
    public ulong TscAt(ulong nanoseconds)
    {
        // ns = ((tsc << shift) × mul) >> 32 ⇒ tsc = ((ns << 32) / mul) >> shift, split to stay in 64 bits.
        ulong mul = Scale.Multiplier;
        ulong high = nanoseconds / mul, rest = nanoseconds % mul;
        ulong scaled = (high << 32) + (rest << 32) / mul;
        int shift = Scale.Shift;
        ulong ticks = shift >= 0 ? scaled >> shift : scaled << -shift;
        return _tscAtZero + ticks;
    }
}
