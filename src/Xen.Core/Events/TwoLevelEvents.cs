// The 2-level event ABI's bit protocol on shared_info (xen/include/public/xen.h, "Event channel endpoints"
// and vcpu_info): a port is pending in evtchn_pending[port / 64], masked in evtchn_mask; an unmasked pending
// port sets its word's bit in the notified vCPU's evtchn_pending_sel and then evtchn_upcall_pending. Order
// matters — pending first, then (if unmasked) selector, then upcall — so a guest that scans after seeing
// upcall_pending always finds the port; each step stops when its bit was already set, because whoever set
// it has done (or will do) the following steps. Setting upcall_pending wakes a blocked vCPU.
using System.Threading;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Events;

/// <summary>2-level pending/mask/selector updates.</summary>
public static class TwoLevelEvents
{
    /// <summary>Bits per evtchn_pending word (xen_ulong_t on x86-64).</summary>
    public const int BitsPerWord = 64;

    /// <summary>Marks <paramref name="port"/> pending and, if unmasked, raises the upcall on vCPU <paramref name="vcpuId"/>.</summary>
    public static void SetPending(Domain d, int vcpuId, uint port)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null) return;
        int word = SharedInfoLayout.EvtchnPending + (int)(port / BitsPerWord) * 8;
        ulong bit = 1UL << (int)(port % BitsPerWord);
        if ((s.OrUInt64(word, bit) & bit) != 0) return;
        if ((s.ReadUInt64(SharedInfoLayout.EvtchnMask + (int)(port / BitsPerWord) * 8) & bit) == 0)
            RaiseSelector(d, vcpuId, port / BitsPerWord);
        // SCHEDOP_poll waits for a pending port whether or not it is masked (Xen's evtchn_set_pending checks
        // the domain's poll mask after the upcall steps).
        WakePollers(d, port);
    }

    /// <summary>Xen's vcpu_mark_events_pending: sets evtchn_upcall_pending on vCPU <paramref name="vcpuId"/>
    /// (and wakes it) unless it was set already.</summary>
    public static void MarkEventsPending(Domain d, int vcpuId)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null || (uint)vcpuId >= (uint)d.Vcpus.Length) return;
        if (s.ReadVcpuByte(vcpuId, SharedInfoLayout.UpcallPending) != 0) return;
        s.WriteVcpuByte(vcpuId, SharedInfoLayout.UpcallPending, 1);
        Raised(d.Vcpus[vcpuId]);
    }

    private static void WakePollers(Domain d, uint port)
    {
        Vcpu[] vcpus = d.Vcpus;
        for (int i = 0; i < vcpus.Length; i++)
        {
            Time.VcpuTimers t = vcpus[i].Timers;
            if (!t.IsPolling || (t.PollPort >= 0 && (uint)t.PollPort != port)) continue;
            t.EndPoll();
            if (vcpus[i].State == VcpuState.Blocked) vcpus[i].State = VcpuState.Runnable;
        }
    }

    /// <summary>Clears <paramref name="port"/>'s pending bit (a closed port must not fire on re-bind).</summary>
    public static void ClearPending(Domain d, uint port)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null) return;
        int word = SharedInfoLayout.EvtchnPending + (int)(port / BitsPerWord) * 8;
        s.AndUInt64(word, ~(1UL << (int)(port % BitsPerWord)));
    }

    /// <summary>EVTCHNOP_unmask: clears the mask bit; a port that was masked and is pending is delivered now.</summary>
    public static void Unmask(Domain d, int vcpuId, uint port)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null) return;
        int maskWord = SharedInfoLayout.EvtchnMask + (int)(port / BitsPerWord) * 8;
        ulong bit = 1UL << (int)(port % BitsPerWord);
        if ((s.AndUInt64(maskWord, ~bit) & bit) == 0) return;
        if ((s.ReadUInt64(SharedInfoLayout.EvtchnPending + (int)(port / BitsPerWord) * 8) & bit) == 0) return;
        RaiseSelector(d, vcpuId, port / BitsPerWord);
    }

    /// <summary>True when vCPU <paramref name="vcpuId"/> has an upcall pending and not masked (the guest would
    /// take it now if it had interrupts enabled).</summary>
    public static bool UpcallDeliverable(Domain d, int vcpuId)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null || !s.HasVcpuInfo(vcpuId)) return false;
        return s.ReadVcpuByte(vcpuId, SharedInfoLayout.UpcallPending) != 0 && s.ReadVcpuByte(vcpuId, SharedInfoLayout.UpcallMask) == 0;
    }

    private static void RaiseSelector(Domain d, int vcpuId, uint word)
    {
        // vCPUs past the legacy vcpu_info slots have one only after VCPUOP_register_vcpu_info.
        SharedInfoPage s = d.SharedInfo!;
        if ((uint)vcpuId >= (uint)d.Vcpus.Length || !s.HasVcpuInfo(vcpuId)) return;
        ulong bit = 1UL << (int)word;
        if ((s.OrVcpuUInt64(vcpuId, SharedInfoLayout.PendingSelector, bit) & bit) != 0) return; // full barrier too
        if (s.ReadVcpuByte(vcpuId, SharedInfoLayout.UpcallPending) != 0) return;
        s.WriteVcpuByte(vcpuId, SharedInfoLayout.UpcallPending, 1);
        Raised(d.Vcpus[vcpuId]);
    }

    // An upcall became pending: count it for the arch layer's injection and wake the vCPU if it sleeps.
    private static void Raised(Vcpu v)
    {
        v.UpcallsRaised++;
        if (v.State == VcpuState.Blocked)
        {
            v.Timers.EndPoll(); // a poll ends with any deliverable event, as a block does
            v.State = VcpuState.Runnable;
        }
    }
}
