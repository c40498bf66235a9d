// struct vcpu_runstate_info (xen/include/public/vcpu.h): the state a vCPU is in, since when, and the time
// spent in each RUNSTATE_*; the times sum to the system time since accounting began. This hypervisor sees
// transitions at scheduling points and at the hypercalls that block, poll, or take vCPUs up and down, so
// the accounting has that granularity (Xen updates it at every context switch).
using Xen.Core.Public;

namespace Xen.Core.Time;

/// <summary>Runstate of one vCPU (RUNSTATE_running/runnable/blocked/offline and time in each).</summary>
public struct VcpuRunstate
{
    /// <summary>RUNSTATE_* the vCPU is in.</summary>
    public int State;
    /// <summary>System time the state was entered.</summary>
    public ulong EntryTime;
    /// <summary>ns spent in RUNSTATE_running.</summary>
    public ulong Running;
    /// <summary>ns spent in RUNSTATE_runnable.</summary>
    public ulong Runnable;
    /// <summary>ns spent in RUNSTATE_blocked.</summary>
    public ulong Blocked;
    /// <summary>ns spent in RUNSTATE_offline.</summary>
    public ulong Offline;

    /// <summary>Moves to <paramref name="state"/> at <paramref name="now"/>, charging the time since the last
    /// change to the state being left.</summary>
    public void Change(int state, ulong now)
    {
        ulong spent = now > EntryTime ? now - EntryTime : 0;
        switch (State)
        {
            case VcpuOp.RunstateRunning: Running += spent; break;
            case VcpuOp.RunstateRunnable: Runnable += spent; break;
            case VcpuOp.RunstateBlocked: Blocked += spent; break;
            default: Offline += spent; break;
        }
        State = state;
        if (now > EntryTime) EntryTime = now;
    }

    /// <summary>Writes the 48-byte vcpu_runstate_info (64-bit layout: state @0, state_entry_time @8,
    /// time[4] @16) into <paramref name="buffer"/>.</summary>
    public readonly void WriteTo(System.Span<byte> buffer)
    {
        buffer.Slice(0, VcpuOp.RunstateInfoSize).Clear();
        Hypercalls.Wire.Put32(buffer, 0, (uint)State);
        Hypercalls.Wire.Put64(buffer, 8, EntryTime);
        Hypercalls.Wire.Put64(buffer, 16, Running);
        Hypercalls.Wire.Put64(buffer, 24, Runnable);
        Hypercalls.Wire.Put64(buffer, 32, Blocked);
        Hypercalls.Wire.Put64(buffer, 40, Offline);
    }
}
