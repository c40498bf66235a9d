// __HYPERVISOR_grant_table_op (20): grant_table_op(cmd, uop, count) per xen/include/public/grant_table.h with
// Xen 4.7's semantics for auto-translated guests. The batch sub-ops (map_grant_ref, unmap_grant_ref, copy) walk
// an array of `count` structures: each element is read, done, and written back with its own GNTST_* status, so
// one bad element never stops the others; only an unreadable/unwritable element stops the batch (-EFAULT, the
// elements before it stay done, as in Xen). The single-structure sub-ops require count == 1 (-EINVAL otherwise).
// Xen preempts long batches with a continuation; this hypervisor has none yet, so a batch is bounded instead
// (MaxBatch elements, more is -EINVAL, as console_io bounds its count). A count that is negative as an int is
// -EINVAL, as are bits above GNTTABOP_CMD_MASK; unknown and unprovided sub-ops (dump_table, transfer,
// unmap_and_replace, swap_grant_ref, cache_flush) are -ENOSYS.
// Foreign targets: setup_table/query_size/get_status_frames/get_version accept DOMID_SELF or the caller's own id;
// another existing domain needs a privileged caller (GNTST_permission_denied / -EPERM, Xen's default XSM), an
// unknown one is GNTST_bad_domain / -ESRCH.
using System;
using Xen.Core.Domains;
using Xen.Core.Grants;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Runtime.Memory;

namespace Xen.Core.Hypercalls;

/// <summary>grant_table_op.</summary>
public sealed unsafe class GrantTableOpHypercall : IHypercallHandler
{
    /// <summary>Most elements one map/unmap/copy call accepts.</summary>
    public const uint MaxBatch = 1u << 16;

    private readonly DomainTable? _domains;
    private readonly PhysicalPageAllocator* _pages;

    /// <summary>Creates the handler over the hypervisor's page allocator (<see cref="RuntimeState.Pages"/>).</summary>
    public GrantTableOpHypercall(DomainTable? domains) : this(domains, RuntimeState.Pages) { }

    /// <summary>Creates the handler: <paramref name="domains"/> resolves granters and copy peers, <paramref name="pages"/>
    /// supplies grant-table frames for domains whose table is created on first use.</summary>
    public GrantTableOpHypercall(DomainTable? domains, PhysicalPageAllocator* pages)
    {
        _domains = domains;
        _pages = pages;
    }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        uint cmd = (uint)args.Arg0;
        ulong uop = args.IsCompat ? (uint)args.Arg1 : args.Arg1;
        uint count = (uint)args.Arg2;
        if ((int)count < 0 || (cmd & ~GrantTableOp.CommandMask) != 0) return -XenErrno.EINVAL;
        switch ((int)cmd)
        {
            case GrantTableOp.MapGrantRef: return Map(caller, uop, count);
            case GrantTableOp.UnmapGrantRef: return Unmap(caller, uop, count);
            case GrantTableOp.Copy: return Copy(caller, uop, count, args.IsCompat);
            case GrantTableOp.SetupTable: return count != 1 ? -XenErrno.EINVAL : SetupTable(caller, uop, args.IsCompat);
            case GrantTableOp.QuerySize: return count != 1 ? -XenErrno.EINVAL : QuerySize(caller, uop);
            case GrantTableOp.SetVersion: return count != 1 ? -XenErrno.EINVAL : SetVersion(caller, uop);
            case GrantTableOp.GetStatusFrames: return count != 1 ? -XenErrno.EINVAL : GetStatusFrames(caller, uop, args.IsCompat);
            case GrantTableOp.GetVersion: return count != 1 ? -XenErrno.EINVAL : GetVersion(caller, uop);
            default: return -XenErrno.ENOSYS;
        }
    }

    private long Map(Vcpu caller, ulong uop, uint count)
    {
        if (count > MaxBatch) return -XenErrno.EINVAL;
        Domain d = caller.Domain;
        GrantTable? own = GrantTable.Ensure(d, _pages);
        Span<byte> op = stackalloc byte[GrantTableOp.MapSize];
        for (uint i = 0; i < count; i++)
        {
            ulong at = uop + (ulong)i * GrantTableOp.MapSize;
            if (at < uop || GuestAccess.CopyFrom(caller, at, op) != 0) return -XenErrno.EFAULT;
            ushort dom = Get16(op, 16);
            uint handle = 0;
            short status = own is null ? GrantTableOp.NoDeviceSpace
                : GrantMapping.Map(d, own, dom == d.Id ? d : _domains?.Find(dom), Wire.Get64(op, 0), Wire.Get32(op, 8), Wire.Get32(op, 12), out handle);
            Put16(op, 18, (ushort)status);
            if (status == GrantTableOp.Okay) Wire.Put32(op, 20, handle);
            if (GuestAccess.CopyTo(caller, at, op) != 0) return -XenErrno.EFAULT;
        }
        return 0;
    }

    private long Unmap(Vcpu caller, ulong uop, uint count)
    {
        if (count > MaxBatch) return -XenErrno.EINVAL;
        Domain d = caller.Domain;
        GrantTable? own = d.GrantTable;
        Span<byte> op = stackalloc byte[GrantTableOp.UnmapSize];
        for (uint i = 0; i < count; i++)
        {
            ulong at = uop + (ulong)i * GrantTableOp.UnmapSize;
            if (at < uop || GuestAccess.CopyFrom(caller, at, op) != 0) return -XenErrno.EFAULT;
            short status = own is null ? GrantTableOp.BadHandle
                : GrantMapping.Unmap(d, own, _domains, Wire.Get64(op, 0), Wire.Get64(op, 8), Wire.Get32(op, 16));
            Put16(op, 20, (ushort)status);
            if (GuestAccess.CopyTo(caller, at + 20, op.Slice(20, 2)) != 0) return -XenErrno.EFAULT;
        }
        return 0;
    }

    private long Copy(Vcpu caller, ulong uop, uint count, bool compat)
    {
        if (count > MaxBatch) return -XenErrno.EINVAL;
        int size = compat ? GrantTableOp.CopyCompatSize : GrantTableOp.CopySize;
        int side = compat ? 8 : 16; // sizeof the source/dest sub-structure
        int pfn = compat ? 4 : 8;   // sizeof(xen_pfn_t): where domid and offset start in a side
        Span<byte> op = stackalloc byte[GrantTableOp.CopySize];
        op = op.Slice(0, size);
        for (uint i = 0; i < count; i++)
        {
            ulong at = uop + (ulong)i * (uint)size;
            if (at < uop || GuestAccess.CopyFrom(caller, at, op) != 0) return -XenErrno.EFAULT;
            GrantCopySide source = Side(op, 0, pfn, compat), dest = Side(op, side, pfn, compat);
            short status = GrantCopy.Copy(caller.Domain, _domains, source, dest, Get16(op, 2 * side), Get16(op, 2 * side + 2));
            Put16(op, 2 * side + 4, (ushort)status);
            if (GuestAccess.CopyTo(caller, at + (ulong)(2 * side + 4), op.Slice(2 * side + 4, 2)) != 0) return -XenErrno.EFAULT;
        }
        return 0;
    }

    private static GrantCopySide Side(ReadOnlySpan<byte> op, int at, int pfn, bool compat)
    {
        GrantCopySide s;
        s.RefOrGmfn = compat ? Wire.Get32(op, at) : Wire.Get64(op, at);
        s.Domid = Get16(op, at + pfn);
        s.Offset = Get16(op, at + pfn + 2);
        s.Spare = 0;
        return s;
    }

    private long SetupTable(Vcpu caller, ulong uop, bool compat)
    {
        Span<byte> op = stackalloc byte[GrantTableOp.SetupTableSize];
        op = op.Slice(0, compat ? GrantTableOp.SetupTableCompatSize : GrantTableOp.SetupTableSize);
        if (GuestAccess.CopyFrom(caller, uop, op) != 0) return -XenErrno.EFAULT;
        uint frames = Wire.Get32(op, 4);
        ulong list = compat ? Wire.Get32(op, 12) : Wire.Get64(op, 16);
        short status = Target(caller.Domain, Get16(op, 0), out Domain? target);
        if (frames > GrantTable.MaxFrames) status = GrantTableOp.GeneralError; // checked first in Xen: wins over a bad domain
        if (status == GrantTableOp.Okay)
        {
            GrantTable? table = GrantTable.Ensure(target!, _pages);
            table?.DefaultVersion();
            if (table is null || !table.Grow(frames)) // a no-op when big enough (v2: with its status frames)
                status = GrantTableOp.GeneralError;
            else
                status = WriteFrameList(caller, list, frames, compat ? 4 : 8, table, status: false);
        }
        Put16(op, 8, (ushort)status);
        return GuestAccess.CopyTo(caller, uop + 8, op.Slice(8, 2)) != 0 ? -XenErrno.EFAULT : 0;
    }

    private long QuerySize(Vcpu caller, ulong uop)
    {
        Span<byte> op = stackalloc byte[GrantTableOp.QuerySizeSize];
        if (GuestAccess.CopyFrom(caller, uop, op) != 0) return -XenErrno.EFAULT;
        short status = Target(caller.Domain, Get16(op, 0), out Domain? target);
        if (status == GrantTableOp.Okay)
        {
            GrantTable? table = GrantTable.Ensure(target!, _pages);
            Wire.Put32(op, 4, table is null ? 0 : table.FrameCount);
            Wire.Put32(op, 8, GrantTable.MaxFrames);
        }
        Put16(op, 12, (ushort)status);
        return GuestAccess.CopyTo(caller, uop, op) != 0 ? -XenErrno.EFAULT : 0;
    }

    private long SetVersion(Vcpu caller, ulong uop)
    {
        Span<byte> op = stackalloc byte[GrantTableOp.SetVersionSize];
        if (GuestAccess.CopyFrom(caller, uop, op) != 0) return -XenErrno.EFAULT;
        GrantTable? table = GrantTable.Ensure(caller.Domain, _pages);
        if (table is null) return -XenErrno.ENOMEM;
        int rc = table.SetVersion(Wire.Get32(op, 0));
        Wire.Put32(op, 0, table.Version); // OUT: the version in effect, whether or not it changed
        return GuestAccess.CopyTo(caller, uop, op) != 0 ? -XenErrno.EFAULT : rc;
    }

    private long GetStatusFrames(Vcpu caller, ulong uop, bool compat)
    {
        Span<byte> op = stackalloc byte[GrantTableOp.GetStatusFramesSize];
        op = op.Slice(0, compat ? GrantTableOp.GetStatusFramesCompatSize : GrantTableOp.GetStatusFramesSize);
        if (GuestAccess.CopyFrom(caller, uop, op) != 0) return -XenErrno.EFAULT;
        uint frames = Wire.Get32(op, 0);
        ulong list = compat ? Wire.Get32(op, 8) : Wire.Get64(op, 8);
        short status = Target(caller.Domain, Get16(op, 4), out Domain? target);
        if (status == GrantTableOp.Okay)
        {
            GrantTable? table = GrantTable.Ensure(target!, _pages);
            status = table is null || frames > table.StatusFrameCount ? GrantTableOp.GeneralError
                : WriteFrameList(caller, list, frames, 8, table, status: true);
        }
        Put16(op, 6, (ushort)status);
        return GuestAccess.CopyTo(caller, uop + 6, op.Slice(6, 2)) != 0 ? -XenErrno.EFAULT : 0;
    }

    private long GetVersion(Vcpu caller, ulong uop)
    {
        Span<byte> op = stackalloc byte[GrantTableOp.GetVersionSize];
        if (GuestAccess.CopyFrom(caller, uop, op) != 0) return -XenErrno.EFAULT;
        short status = Target(caller.Domain, Get16(op, 0), out Domain? target);
        if (status == GrantTableOp.BadDomain) return -XenErrno.ESRCH;
        if (status != GrantTableOp.Okay) return -XenErrno.EPERM;
        Wire.Put32(op, 4, target!.GrantTable?.Version ?? 0);
        return GuestAccess.CopyTo(caller, uop, op) != 0 ? -XenErrno.EFAULT : 0;
    }

    // The guest frames the table's frames sit at (INVALID_M2P_ENTRY, all ones, where not mapped), one
    // `width`-byte value each; an unwritable slot makes the status GNTST_bad_virt_addr (the rest are still written).
    private static short WriteFrameList(Vcpu caller, ulong list, uint frames, int width, GrantTable table, bool status)
    {
        short result = GrantTableOp.Okay;
        Span<byte> value = stackalloc byte[8];
        for (uint i = 0; i < frames; i++)
        {
            ulong gfn = status ? table.StatusFrameGfn(i) : table.SharedFrameGfn(i);
            Wire.Put64(value, 0, gfn);
            ulong at = list + (ulong)i * (uint)width;
            if (at < list || GuestAccess.CopyTo(caller, at, value.Slice(0, width)) != 0) result = GrantTableOp.BadVirtAddr;
        }
        return result;
    }

    // rcu_lock_domain_by_any_id + the default XSM target check.
    private short Target(Domain d, ushort domid, out Domain? target)
    {
        target = null;
        if (domid == MemoryOp.DomidSelf || domid == d.Id) { target = d; return GrantTableOp.Okay; }
        Domain? other = _domains?.Find(domid);
        if (other is null) return GrantTableOp.BadDomain;
        if (!d.IsPrivileged) return GrantTableOp.PermissionDenied;
        target = other;
        return GrantTableOp.Okay;
    }

    private static ushort Get16(ReadOnlySpan<byte> b, int at) => (ushort)(b[at] | b[at + 1] << 8);

    private static void Put16(Span<byte> b, int at, ushort v)
    {
        b[at] = (byte)v;
        b[at + 1] = (byte)(v >> 8);
    }
}
