// __HYPERVISOR_memory_op (12): memory_op(cmd, arg) per xen/include/public/memory.h. This slice provides
// XENMEM_add_to_physmap for XENMAPSPACE_shared_info (the shared_info page appears at the guest frame asked
// for), XENMEM_memory_map (the domain's E820 as in its start info: RAM, then the reserved special pages) and
// XENMEM_maximum_ram_page. Every other sub-op answers -ENOSYS; unreadable or unwritable arguments -EFAULT.
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>memory_op.</summary>
public sealed unsafe class MemoryOpHypercall : IHypercallHandler
{
    private readonly HypervisorIdentity _identity;

    /// <summary>Creates the handler; <paramref name="identity"/> supplies the host's max_page.</summary>
    public MemoryOpHypercall(HypervisorIdentity identity) { _identity = identity; }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        ulong startExtent = args.Arg0 >> MemoryOp.ExtentShift;
        switch ((int)(args.Arg0 & MemoryOp.CommandMask))
        {
            case MemoryOp.MaximumRamPage:
                // Xen answers the host's max_page; the sub-op takes no continuation.
                return startExtent != 0 ? -XenErrno.EINVAL : (long)_identity.MaxRamPage;
            case MemoryOp.AddToPhysmap:
                return startExtent != 0 ? -XenErrno.ENOSYS : AddToPhysmap(caller, args.Arg1, args.IsCompat);
            case MemoryOp.MemoryMap:
                return startExtent != 0 ? -XenErrno.ENOSYS : MemoryMap(caller, args.Arg1, args.IsCompat);
            default:
                return -XenErrno.ENOSYS;
        }
    }

    private static long AddToPhysmap(Vcpu caller, ulong argument, bool compat)
    {
        Span<byte> a = stackalloc byte[MemoryOp.AddToPhysmapSize];
        a = a.Slice(0, compat ? MemoryOp.AddToPhysmapCompatSize : MemoryOp.AddToPhysmapSize);
        int rc = GuestAccess.CopyFrom(caller, argument, a);
        if (rc != 0) return rc;
        ushort domid = (ushort)(a[0] | a[1] << 8);
        uint space = Wire.Get32(a, 4);
        ulong idx = compat ? Wire.Get32(a, 8) : Wire.Get64(a, 8);
        ulong gpfn = compat ? Wire.Get32(a, 12) : Wire.Get64(a, 16);
        Domain d = caller.Domain;
        // Only the caller's own domain is reachable: there is no domain table for foreign targets yet, and an
        // unprivileged caller could not name another domain anyway (Xen: the lookup fails with -ESRCH).
        if (domid != MemoryOp.DomidSelf && domid != d.Id) return -XenErrno.ESRCH;
        if (space == MemoryOp.MapSpaceGrantTable)
        {
            // XENMAPSPACE_grant_table: idx = shared frame (bit 31 XENMAPIDX_grant_table_status: a v2 status frame).
            // The table is created on first use, from the hypervisor's page allocator, if the builder made none.
            Grants.GrantTable? table = Grants.GrantTable.Ensure(d, Xen.Runtime.Memory.RuntimeState.Pages);
            return table is null ? -XenErrno.ENOMEM : table.MapFrame(idx, gpfn);
        }
        if (space != MemoryOp.MapSpaceSharedInfo) return -XenErrno.ENOSYS;
        // XENMAPSPACE_shared_info has exactly one frame, idx 0; the target must be a frame of the domain.
        if (idx != 0 || d.SharedInfo is null) return -XenErrno.EINVAL;
        if (gpfn >= d.P2m.PageCount || !d.P2m.TryTranslate(gpfn * P2m.PageSize, out ulong host)) return -XenErrno.EINVAL;
        d.SharedInfo.MoveTo(gpfn, host);
        return 0;
    }

    private static long MemoryMap(Vcpu caller, ulong argument, bool compat)
    {
        int size = compat ? MemoryOp.MemoryMapCompatSize : MemoryOp.MemoryMapSize;
        Span<byte> map = stackalloc byte[MemoryOp.MemoryMapSize];
        map = map.Slice(0, size);
        int rc = GuestAccess.CopyFrom(caller, argument, map);
        if (rc != 0) return rc;
        uint capacity = Wire.Get32(map, 0);
        ulong buffer = compat ? Wire.Get32(map, 4) : Wire.Get64(map, 8);
        // The guest's map, as in its start info: RAM up to the special pages, which are reserved.
        P2m p2m = caller.Domain.P2m;
        ulong ramEnd = SpecialPages.RamEnd(p2m);
        uint available = ramEnd < p2m.Size ? 2u : 1u;
        uint count = capacity < available ? capacity : available;
        Span<byte> entry = stackalloc byte[MemoryOp.E820EntrySize];
        for (uint i = 0; i < count; i++)
        {
            Wire.Put64(entry, 0, i == 0 ? 0 : ramEnd);
            Wire.Put64(entry, 8, i == 0 ? ramEnd : p2m.Size - ramEnd);
            Wire.Put32(entry, 16, i == 0 ? MemoryOp.E820Ram : MemoryOp.E820Reserved);
            rc = GuestAccess.CopyTo(caller, buffer + i * MemoryOp.E820EntrySize, entry);
            if (rc != 0) return rc;
        }
        // nr_entries is in/out: on return, the number of entries stored.
        Span<byte> written = stackalloc byte[4];
        Wire.Put32(written, 0, count);
        return GuestAccess.CopyTo(caller, argument, written);
    }
}
