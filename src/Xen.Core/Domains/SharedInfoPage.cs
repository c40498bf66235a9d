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
    /// vCPUs beyond the legacy 32 slots are ignored (they need VCPUOP_register_vcpu_info).</summary>
    public void SetVcpuTime(int vcpuId, ulong tsc, ulong systemTimeNs, PvClockScale scale, bool tscStable)
    {
        if ((uint)vcpuId >= SharedInfoLayout.LegacyMaxVcpus) return;
        int t = SharedInfoLayout.VcpuInfo(vcpuId) + SharedInfoLayout.Time;
        uint version = ReadUInt32(t + SharedInfoLayout.TimeVersion) | 1;
        Write32(t + SharedInfoLayout.TimeVersion, version);
        Interlocked.MemoryBarrier();
        WriteUInt64(t + SharedInfoLayout.TimeTscTimestamp, tsc);
        WriteUInt64(t + SharedInfoLayout.TimeSystemTime, systemTimeNs);
        Write32(t + SharedInfoLayout.TimeTscToSystemMul, scale.Multiplier);
        WriteByte(t + SharedInfoLayout.TimeTscShift, (byte)scale.Shift);
        WriteByte(t + SharedInfoLayout.TimeFlags, tscStable ? SharedInfoLayout.TimeFlagTscStable : (byte)0);
        Interlocked.MemoryBarrier();
        Write32(t + SharedInfoLayout.TimeVersion, version + 1);
    }

    private void Write32(int offset, uint value) => Volatile.Write(ref *(uint*)(_page + (offset & (Size - 4))), value);
}
