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
        ulong pending = s.ReadUInt64(word);
        if ((pending & bit) != 0) return;
        s.WriteUInt64(word, pending | bit);
        Interlocked.MemoryBarrier();
        if ((s.ReadUInt64(SharedInfoLayout.EvtchnMask + (int)(port / BitsPerWord) * 8) & bit) != 0) return;
        RaiseSelector(d, vcpuId, port / BitsPerWord);
    }

    /// <summary>Clears <paramref name="port"/>'s pending bit (a closed port must not fire on re-bind).</summary>
    public static void ClearPending(Domain d, uint port)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null) return;
        int word = SharedInfoLayout.EvtchnPending + (int)(port / BitsPerWord) * 8;
        s.WriteUInt64(word, s.ReadUInt64(word) & ~(1UL << (int)(port % BitsPerWord)));
    }

    /// <summary>EVTCHNOP_unmask: clears the mask bit; a port that was masked and is pending is delivered now.</summary>
    public static void Unmask(Domain d, int vcpuId, uint port)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null) return;
        int maskWord = SharedInfoLayout.EvtchnMask + (int)(port / BitsPerWord) * 8;
        ulong bit = 1UL << (int)(port % BitsPerWord);
        ulong mask = s.ReadUInt64(maskWord);
        if ((mask & bit) == 0) return;
        s.WriteUInt64(maskWord, mask & ~bit);
        Interlocked.MemoryBarrier();
        if ((s.ReadUInt64(SharedInfoLayout.EvtchnPending + (int)(port / BitsPerWord) * 8) & bit) == 0) return;
        RaiseSelector(d, vcpuId, port / BitsPerWord);
    }

    /// <summary>True when vCPU <paramref name="vcpuId"/> has an upcall pending and not masked (the guest would
    /// take it now if it had interrupts enabled).</summary>
    public static bool UpcallDeliverable(Domain d, int vcpuId)
    {
        SharedInfoPage? s = d.SharedInfo;
        if (s is null || (uint)vcpuId >= SharedInfoLayout.LegacyMaxVcpus) return false;
        int info = SharedInfoLayout.VcpuInfo(vcpuId);
        return s.ReadByte(info + SharedInfoLayout.UpcallPending) != 0 && s.ReadByte(info + SharedInfoLayout.UpcallMask) == 0;
    }

    private static void RaiseSelector(Domain d, int vcpuId, uint word)
    {
        // vCPUs past the legacy vcpu_info slots need VCPUOP_register_vcpu_info (not provided yet).
        if ((uint)vcpuId >= SharedInfoLayout.LegacyMaxVcpus || (uint)vcpuId >= (uint)d.Vcpus.Length) return;
        SharedInfoPage s = d.SharedInfo!;
        int info = SharedInfoLayout.VcpuInfo(vcpuId);
        ulong selector = s.ReadUInt64(info + SharedInfoLayout.PendingSelector);
        ulong bit = 1UL << (int)word;
        if ((selector & bit) != 0) return;
        s.WriteUInt64(info + SharedInfoLayout.PendingSelector, selector | bit);
        Interlocked.MemoryBarrier();
        if (s.ReadByte(info + SharedInfoLayout.UpcallPending) != 0) return;
        s.WriteByte(info + SharedInfoLayout.UpcallPending, 1);
        Vcpu v = d.Vcpus[vcpuId];
        v.UpcallsRaised++;
        if (v.State == VcpuState.Blocked) v.State = VcpuState.Runnable;
    }
}
