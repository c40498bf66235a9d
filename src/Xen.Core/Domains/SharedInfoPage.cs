// A domain's shared_info page (xen/include/public/xen.h): the page the hypervisor and the guest both write —
// per-vCPU event and time state, event-channel pending/mask bitmaps, wallclock. The domain builder gives
// every domain one hypervisor page; XENMEM_add_to_physmap(XENMAPSPACE_shared_info) makes it appear at a guest
// frame. Instead of editing the second-stage tables, the mapping adopts the guest frame itself: the current
// contents are copied there and the guest frame becomes the shared_info storage from then on. The guest sees
// exactly Xen's behaviour at the new frame (the old RAM page behind it is gone as under Xen); a frame named
// by an earlier add_to_physmap keeps its last contents as ordinary RAM instead of becoming a hole.
// Concurrency: updates follow Xen's orderings with volatile accesses and full barriers. A guest vCPU never
// runs while the hypervisor updates its own domain's page on the same CPU; with domains spread over CPUs the
// bitmap updates must become locked read-modify-writes (the image corelib has no Interlocked.Or yet).
using System.Threading;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Domains;

/// <summary>The shared_info page of one domain (64-bit layout).</summary>
public sealed unsafe class SharedInfoPage
{
    /// <summary>Bytes in the page.</summary>
    public const int Size = 4096;

    private byte* _page;

    /// <summary>Wraps the zeroed hypervisor page at <paramref name="hostPage"/>.</summary>
    public SharedInfoPage(ulong hostPage)
    {
        _page = (byte*)hostPage;
        InitialHostPage = hostPage;
    }

    /// <summary>Host address of the page the builder allocated (freed with the domain).</summary>
    public ulong InitialHostPage { get; }

    /// <summary>Host address of the page that holds shared_info now.</summary>
    public ulong HostPage => (ulong)_page;

    /// <summary>The guest frame shared_info appears at, or ulong.MaxValue before add_to_physmap.</summary>
    public ulong Gfn { get; private set; } = ulong.MaxValue;

    /// <summary>Moves shared_info to the guest frame <paramref name="gfn"/> backed by <paramref name="hostPage"/>
    /// (a scrubbed, mapped P2M page): its contents become the current shared_info.</summary>
    public void MoveTo(ulong gfn, ulong hostPage)
    {
        if (hostPage != (ulong)_page)
        {
            byte* target = (byte*)hostPage;
            for (int i = 0; i < Size; i++) target[i] = _page[i];
            Interlocked.MemoryBarrier();
            _page = target;
        }
        Gfn = gfn;
    }

    /// <summary>Reads a byte at <paramref name="offset"/> (tests and diagnostics).</summary>
    public byte ReadByte(int offset) => _page[offset & (Size - 1)];

    /// <summary>Reads a 32-bit field.</summary>
    public uint ReadUInt32(int offset) => Volatile.Read(ref *(uint*)(_page + (offset & (Size - 4))));

    /// <summary>Reads a 64-bit field.</summary>
    public ulong ReadUInt64(int offset) => Volatile.Read(ref *(ulong*)(_page + (offset & (Size - 8))));

    /// <summary>Writes a byte.</summary>
    public void WriteByte(int offset, byte value) => _page[offset & (Size - 1)] = value;

    /// <summary>Atomically ORs <paramref name="bits"/> into a 64-bit field; returns its previous value. The guest
    /// updates the same words with locked instructions from other CPUs, so a plain read-modify-write could
    /// resurrect a bit the guest just cleared.</summary>
    public ulong OrUInt64(int offset, ulong bits) => Interlocked.Or(ref *(ulong*)(_page + (offset & (Size - 8))), bits);

    /// <summary>Atomically ANDs <paramref name="bits"/> into a 64-bit field; returns its previous value.</summary>
    public ulong AndUInt64(int offset, ulong bits) => Interlocked.And(ref *(ulong*)(_page + (offset & (Size - 8))), bits);

    /// <summary>Writes a 64-bit field.</summary>
    public void WriteUInt64(int offset, ulong value) => Volatile.Write(ref *(ulong*)(_page + (offset & (Size - 8))), value);

    /// <summary>Publishes the wallclock (seconds and nanoseconds since the epoch at system time 0). wc_version
    /// is odd while the fields change (xen.h: "wc_version ... odd while an update is in progress").</summary>
    public void SetWallClock(ulong seconds, uint nanoseconds)
    {
        uint version = ReadUInt32(SharedInfoLayout.WcVersion);
        version |= 1;
        Write32(SharedInfoLayout.WcVersion, version);
        Interlocked.MemoryBarrier();
        Write32(SharedInfoLayout.WcSec, (uint)seconds);
        Write32(SharedInfoLayout.WcNsec, nanoseconds);
        Write32(SharedInfoLayout.WcSecHi, (uint)(seconds >> 32));
        Interlocked.MemoryBarrier();
        Write32(SharedInfoLayout.WcVersion, version + 1);
    }

    /// <summary>Publishes vCPU <paramref name="vcpuId"/>'s time record: at TSC <paramref name="tsc"/> the
    /// system time was <paramref name="systemTimeNs"/>. The version is odd during the update and advances by 2
    /// per update, so a reader retries when it saw an odd or changed version (xen.h, vcpu_time_info).
    /// vCPUs without a vcpu_info (beyond the legacy 32 slots and never registered) are ignored.</summary>
    public void SetVcpuTime(int vcpuId, ulong tsc, ulong systemTimeNs, PvClockScale scale, bool tscStable)
    {
        byte* info = VcpuInfoPointer(vcpuId);
        if (info == null) return;
        WriteTimeInfo(info + SharedInfoLayout.Time, tsc, systemTimeNs, scale, tscStable);
    }

    /// <summary>Writes one struct vcpu_time_info at <paramref name="time"/> with the odd/even version protocol.</summary>
    public static void WriteTimeInfo(byte* time, ulong tsc, ulong systemTimeNs, PvClockScale scale, bool tscStable)
    {
        uint* versionField = (uint*)(time + SharedInfoLayout.TimeVersion);
        uint version = Volatile.Read(ref *versionField) | 1;
        Volatile.Write(ref *versionField, version);
        Interlocked.MemoryBarrier();
        Volatile.Write(ref *(ulong*)(time + SharedInfoLayout.TimeTscTimestamp), tsc);
        Volatile.Write(ref *(ulong*)(time + SharedInfoLayout.TimeSystemTime), systemTimeNs);
        Volatile.Write(ref *(uint*)(time + SharedInfoLayout.TimeTscToSystemMul), scale.Multiplier);
        time[SharedInfoLayout.TimeTscShift] = (byte)scale.Shift;
        time[SharedInfoLayout.TimeFlags] = tscStable ? SharedInfoLayout.TimeFlagTscStable : (byte)0;
        Interlocked.MemoryBarrier();
        Volatile.Write(ref *versionField, version + 1);
    }

    // Per-vCPU vcpu_info placement (VCPUOP_register_vcpu_info, vcpu.h): host addresses of the registered
    // copies, 0 = still the legacy slot in this page. Allocated on first registration (once per domain).
    private ulong[]? _registered;

    /// <summary>Largest vCPU id a vcpu_info can be registered for (Xen's HVM_MAX_VCPUS, 128).</summary>
    public const int MaxVcpus = 128;

    /// <summary>True if vCPU <paramref name="vcpuId"/> has a vcpu_info (a legacy slot or a registered one);
    /// without one Xen points the vCPU at a dummy and VCPUOP_initialise is -EINVAL.</summary>
    public bool HasVcpuInfo(int vcpuId) => VcpuInfoPointer(vcpuId) != null;

    /// <summary>True once VCPUOP_register_vcpu_info moved vCPU <paramref name="vcpuId"/>'s vcpu_info.</summary>
    public bool IsVcpuInfoRegistered(int vcpuId) =>
        _registered is not null && (uint)vcpuId < MaxVcpus && _registered[vcpuId] != 0;

    /// <summary>Host address of vCPU <paramref name="vcpuId"/>'s vcpu_info, or 0 when it has none.</summary>
    public ulong VcpuInfoAddress(int vcpuId) => (ulong)VcpuInfoPointer(vcpuId);

    /// <summary>Moves vCPU <paramref name="vcpuId"/>'s vcpu_info to <paramref name="hostAddress"/> (a scrubbed
    /// guest page plus an offset that keeps all 64 bytes in the page; the caller checked both). As in Xen's
    /// map_vcpu_info the current contents are carried over (a vCPU without one starts zeroed with upcalls
    /// masked), then every selector bit is set: the guest gets a spurious scan but loses no event. The caller
    /// raises the upcall (TwoLevelEvents.MarkEventsPending). False if the id is out of range.</summary>
    public bool RegisterVcpuInfo(int vcpuId, ulong hostAddress)
    {
        if ((uint)vcpuId >= MaxVcpus || hostAddress == 0) return false;
        byte* target = (byte*)hostAddress;
        byte* current = VcpuInfoPointer(vcpuId);
        for (int i = 0; i < SharedInfoLayout.VcpuInfoSize; i++) target[i] = current != null ? current[i] : (byte)0;
        if (current == null) target[SharedInfoLayout.UpcallMask] = 1;
        _registered ??= new ulong[MaxVcpus];
        _registered[vcpuId] = hostAddress;
        Interlocked.MemoryBarrier(); // the new location before the pending bits (map_vcpu_info: smp_wmb)
        Volatile.Write(ref *(ulong*)(target + SharedInfoLayout.PendingSelector), ulong.MaxValue);
        return true;
    }

    /// <summary>Reads a byte of vCPU <paramref name="vcpuId"/>'s vcpu_info (0 when it has none).</summary>
    public byte ReadVcpuByte(int vcpuId, int field)
    {
        byte* info = VcpuInfoPointer(vcpuId);
        return info == null ? (byte)0 : info[field & (SharedInfoLayout.VcpuInfoSize - 1)];
    }

    /// <summary>Writes a byte of vCPU <paramref name="vcpuId"/>'s vcpu_info (ignored when it has none).</summary>
    public void WriteVcpuByte(int vcpuId, int field, byte value)
    {
        byte* info = VcpuInfoPointer(vcpuId);
        if (info != null) info[field & (SharedInfoLayout.VcpuInfoSize - 1)] = value;
    }

    /// <summary>Reads a 64-bit field of vCPU <paramref name="vcpuId"/>'s vcpu_info (0 when it has none).</summary>
    public ulong ReadVcpuUInt64(int vcpuId, int field)
    {
        byte* info = VcpuInfoPointer(vcpuId);
        return info == null ? 0 : Volatile.Read(ref *(ulong*)(info + (field & (SharedInfoLayout.VcpuInfoSize - 8))));
    }

    /// <summary>Writes a 64-bit field of vCPU <paramref name="vcpuId"/>'s vcpu_info (ignored when it has none).</summary>
    public void WriteVcpuUInt64(int vcpuId, int field, ulong value)
    {
        byte* info = VcpuInfoPointer(vcpuId);
        if (info != null) Volatile.Write(ref *(ulong*)(info + (field & (SharedInfoLayout.VcpuInfoSize - 8))), value);
    }

    /// <summary>Atomically ORs <paramref name="bits"/> into a 64-bit field of vCPU <paramref name="vcpuId"/>'s
    /// vcpu_info and returns the previous value (0 and nothing written when it has none): the guest clears
    /// evtchn_pending_sel with its own atomic exchange on another CPU meanwhile.</summary>
    public ulong OrVcpuUInt64(int vcpuId, int field, ulong bits)
    {
        byte* info = VcpuInfoPointer(vcpuId);
        return info == null ? 0 : Interlocked.Or(ref *(ulong*)(info + (field & (SharedInfoLayout.VcpuInfoSize - 8))), bits);
    }

    private byte* VcpuInfoPointer(int vcpuId)
    {
        if ((uint)vcpuId >= MaxVcpus) return null;
        if (_registered is not null && _registered[vcpuId] != 0) return (byte*)_registered[vcpuId];
        return vcpuId < SharedInfoLayout.LegacyMaxVcpus ? _page + SharedInfoLayout.VcpuInfo(vcpuId) : null;
    }

    private void Write32(int offset, uint value) => Volatile.Write(ref *(uint*)(_page + (offset & (Size - 4))), value);
}
