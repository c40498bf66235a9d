// GNTTABOP_map_grant_ref / unmap_grant_ref for auto-translated (HVM/PVH, Arm) mappers, as Xen 4.7 does them:
// GNTMAP_host_map takes host_addr as a guest-PHYSICAL address of the mapper, and the mapper's P2M entry for that
// frame is replaced by the granter's page (create_grant_p2m_mapping); unmap checks the frame still holds that
// page and puts back what was displaced (Xen leaves a hole there instead; keeping the page means nothing leaks
// and the guest gets its RAM back). Device maps, application maps and PTE addresses mean nothing to a translated
// guest and fail with GNTST_general_error. Every failure leaves nothing pinned, mapped or tracked.
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Grants;

/// <summary>Grant map and unmap.</summary>
public static class GrantMapping
{
    /// <summary>Maps <paramref name="granter"/>'s grant <paramref name="gref"/> into <paramref name="mapper"/> at the guest
    /// frame of <paramref name="hostAddress"/>. Returns a GNTST_* status; on success <paramref name="handle"/> names the mapping.</summary>
    public static short Map(Domain mapper, GrantTable mapperTable, Domain? granter, ulong hostAddress, uint flags, uint gref, out uint handle)
    {
        handle = 0;
        if ((flags & (GrantTableOp.GntmapDeviceMap | GrantTableOp.GntmapHostMap)) == 0) return GrantTableOp.BadGntref; // "bad flags"
        if ((flags & (GrantTableOp.GntmapDeviceMap | GrantTableOp.GntmapApplicationMap | GrantTableOp.GntmapContainsPte)) != 0)
            return GrantTableOp.GeneralError;
        if (granter is null) return GrantTableOp.BadDomain;
        GrantTable? table = granter.GrantTable;
        if (table is null) return GrantTableOp.GeneralError; // the granter never set its table up
        if (!mapperTable.Maptrack.TryAllocate(out uint slot)) return GrantTableOp.NoDeviceSpace;
        bool readOnly = (flags & GrantTableOp.GntmapReadonly) != 0;
        short rc = table.Pin(gref, mapper.Id, readOnly, forMap: true, out ulong page, out _, out _);
        if (rc != GrantTableOp.Okay)
        {
            mapperTable.Maptrack.Free(slot);
            return rc;
        }
        ulong gfn = hostAddress / P2m.PageSize;
        P2m p2m = mapper.P2m;
        // The target must be a frame of the mapper that holds its own memory or nothing (not another grant).
        if (gfn >= p2m.PageCount || p2m.IsForeign(gfn) || !p2m.Replace(gfn, page, readOnly, out ulong displaced))
        {
            table.Unpin(gref, readOnly);
            mapperTable.Maptrack.Free(slot);
            return GrantTableOp.GeneralError;
        }
        ref MaptrackEntry e = ref mapperTable.Maptrack.Slot(slot);
        e.Flags = flags;
        e.Domid = granter.Id;
        e.Ref = gref;
        e.Gfn = gfn;
        e.Displaced = displaced;
        handle = slot;
        return GrantTableOp.Okay;
    }

    /// <summary>Destroys mapping <paramref name="handle"/> of <paramref name="mapper"/>. <paramref name="hostAddress"/> 0
    /// leaves the host mapping alone (as in Xen); otherwise it must name the frame the mapping is at.
    /// A non-zero <paramref name="devBusAddress"/> must be the granted page's address. Returns a GNTST_* status.</summary>
    public static short Unmap(Domain mapper, GrantTable mapperTable, DomainTable? domains, ulong hostAddress, ulong devBusAddress, uint handle)
    {
        if (!mapperTable.Maptrack.IsLive(handle)) return GrantTableOp.BadHandle;
        ref MaptrackEntry e = ref mapperTable.Maptrack.Slot(handle);
        Domain? granter = e.Domid == mapper.Id ? mapper : domains?.Find(e.Domid);
        GrantTable? table = granter?.GrantTable;
        if (table is null) return GrantTableOp.BadDomain;
        ulong page = table.Active(e.Ref).HostPage;
        if (devBusAddress != 0 && devBusAddress != page) return GrantTableOp.GeneralError;
        if (hostAddress != 0 && (e.Flags & GrantTableOp.GntmapHostMap) != 0)
        {
            ulong gfn = hostAddress / P2m.PageSize;
            P2m p2m = mapper.P2m;
            // "old mapping invalid": the frame must still be this grant's page, placed by this mapping.
            if (gfn != e.Gfn || !p2m.IsForeign(gfn) || p2m.HostPage(gfn) != page) return GrantTableOp.GeneralError;
            p2m.Restore(gfn, e.Displaced);
            e.Flags &= ~GrantTableOp.GntmapHostMap;
            table.Unpin(e.Ref, (e.Flags & GrantTableOp.GntmapReadonly) != 0);
        }
        if ((e.Flags & (GrantTableOp.GntmapHostMap | GrantTableOp.GntmapDeviceMap)) == 0) mapperTable.Maptrack.Free(handle);
        return GrantTableOp.Okay;
    }

    /// <summary>Undoes every mapping <paramref name="mapper"/> still holds (domain teardown): displaced pages go back
    /// into its P2M and the grants are unpinned. Call before releasing the mapper's P2M.</summary>
    public static void UnmapAll(Domain mapper, GrantTable mapperTable, DomainTable? domains)
    {
        for (uint h = 0; h < mapperTable.Maptrack.Limit; h++)
        {
            if (!mapperTable.Maptrack.IsLive(h)) continue;
            ref MaptrackEntry e = ref mapperTable.Maptrack.Slot(h);
            Unmap(mapper, mapperTable, domains, e.Gfn * P2m.PageSize | 1, 0, h); // | 1: a non-zero address even for gfn 0
        }
    }
}
