// Xen.Guest.GrantShare: two domains share a page through a grant and talk over an interdomain event channel.
// Returns null on success or the first failure. Protocol (G = granter, M = mapper):
//   G: alloc_unbound(M) → port P; pattern page granted as ref 8 to M (v1, through our grant frame 0).
//   M: bind_interdomain(G, p) for p = 1..MaxPort finds P — the only unbound port of G reserved for M (G's PV
//      console and xenstore ports are reserved for dom0, so binding them fails) — and map_grant_ref(G, ref 8) at
//      one of our frames, retried with SCHEDOP_yield until G is ready; the pattern must be there; write the
//      answer at AnswerOffset; send.
//   G: wait (SCHEDOP_block) for the event; the answer must be in our own page; ack with a send.
//   M: wait for the ack; unmap: our frame must show our own page again; then 100 pings (send, block for the echo),
//      mean round trip in TSC cycles.
//   G: echo 100 pings; afterwards the entry's GTF_reading/GTF_writing must be clear and the grant revocable.
using Xen.Guest.Kit;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const uint Ref = 8;
    private const uint MaxPort = 32;      // G's port is among its first few: console, xenstore, then ours
    private const int AnswerOffset = 2048;
    private const int Pings = 100;
    private const int MaxRetries = 20_000;
    private const int MaxBlocks = 1_000_000;
    private const byte MapperFill = 0xCC;

    internal static string? Run(byte* startInfo)
    {
        Kit.Xen.InstallHypercallPage();
        long peer = GuestCommandLine.Number(startInfo, "peer");
        if (peer < 0 || peer >= 0x7FF0) return "no peer=N on the command line";
        ulong sharedPage = RuntimeState.Pages->AllocatePages(1); // guest-physical = linear (identity map)
        if (sharedPage == 0 || XenEvents.MapSharedInfo(sharedPage / 4096) != 0) return "XENMEM_add_to_physmap(shared_info) failed";
        byte* shared = (byte*)sharedPage;
        if (GuestCommandLine.HasWord(startInfo, "granter")) return Granter(shared, (ushort)peer);
        if (GuestCommandLine.HasWord(startInfo, "mapper")) return Mapper(shared, (ushort)peer);
        return "the command line names no role (granter or mapper)";
    }

    private static string? Granter(byte* shared, ushort peer)
    {
        long port = XenPeer.AllocUnbound(peer);
        if (port <= 0) return "EVTCHNOP_alloc_unbound failed";
        if (XenGrants.QuerySizeSelf(out uint frames, out uint max) != 0 || frames == 0 || max < frames) return "GNTTABOP_query_size failed";
        ulong tablePage = RuntimeState.Pages->AllocatePages(1);
        ulong page = RuntimeState.Pages->AllocatePages(1);
        if (tablePage == 0 || page == 0) return "out of guest memory";
        if (XenGrants.MapGrantFrame(0, tablePage / 4096) != 0) return "XENMEM_add_to_physmap(grant_table, 0) failed";
        byte* table = (byte*)tablePage;
        byte* data = (byte*)page;
        for (int i = 0; i < 4096; i++) data[i] = Pattern(i);
        XenGrants.GrantAccess(table, Ref, peer, page / 4096, readOnly: false);
        DebugConsole.Write("grantshare: granter: ref 8 -> d");
        DebugConsole.WriteDecimal(peer);
        DebugConsole.Write(", event port ");
        DebugConsole.WriteDecimal(port);
        DebugConsole.WriteLine();

        if (!XenPeer.WaitEvent(shared, (uint)port, MaxBlocks)) return "no event from the mapper";
        if (!IsAnswer(data + AnswerOffset)) return "the mapper's answer is not in the shared page";
        for (int i = 0; i < AnswerOffset; i++)
            if (data[i] != Pattern(i)) return "the pattern below the answer changed";
        DebugConsole.WriteLine("grantshare: granter: answer found in the granted page");
        if (XenPeer.Send((uint)port) != 0) return "EVTCHNOP_send (ack) failed";
        for (int i = 0; i < Pings; i++)
        {
            if (!XenPeer.WaitEvent(shared, (uint)port, MaxBlocks)) return "a ping did not arrive";
            if (XenPeer.Send((uint)port) != 0) return "EVTCHNOP_send (pong) failed";
        }
        if ((XenGrants.Flags(table, Ref) & (XenGrants.GtfReading | XenGrants.GtfWriting)) != 0)
            return "GTF_reading/GTF_writing still set after the mapper unmapped";
        if (!XenGrants.EndAccess(table, Ref)) return "the grant could not be revoked";
        DebugConsole.WriteLine("grantshare: granter: 100 pings echoed, grant revoked");
        return null;
    }

    private static string? Mapper(byte* shared, ushort peer)
    {
        long port = -1;
        for (int i = 0; i < MaxRetries && port <= 0; i++)
        {
            for (uint p = 1; p <= MaxPort && port <= 0; p++) port = XenPeer.BindInterdomain(peer, p);
            if (port <= 0) XenPeer.Yield();
        }
        if (port <= 0) return "EVTCHNOP_bind_interdomain found no port of the granter reserved for us";
        // Xen signals the local end of a fresh interdomain binding (evtchn_bind_interdomain sets it pending in
        // case the remote sent earlier): consume that, or the first wait below would return before the ack.
        XenEvents.SetBit(shared, XenEvents.EvtchnPending, (uint)port, false);

        ulong page = RuntimeState.Pages->AllocatePages(1);
        if (page == 0) return "out of guest memory";
        byte* view = (byte*)page;
        for (int i = 0; i < 4096; i++) view[i] = MapperFill;
        uint handle = 0;
        long status = -1;
        for (int i = 0; i < MaxRetries && status != XenGrants.Okay; i++)
        {
            status = XenGrants.Map(peer, Ref, page, readOnly: false, out handle);
            if (status != XenGrants.Okay) XenPeer.Yield();
        }
        if (status != XenGrants.Okay) return "GNTTABOP_map_grant_ref of the granter's ref 8 never succeeded";
        for (int i = 0; i < 4096; i++)
            if (view[i] != Pattern(i)) return "the mapped page does not hold the granter's pattern";
        DebugConsole.Write("grantshare: mapper: d");
        DebugConsole.WriteDecimal(peer);
        DebugConsole.WriteLine(" ref 8 mapped, pattern seen");
        WriteAnswer(view + AnswerOffset);
        if (XenPeer.Send((uint)port) != 0) return "EVTCHNOP_send (answer) failed";
        if (!XenPeer.WaitEvent(shared, (uint)port, MaxBlocks)) return "no ack from the granter";

        long unmap = XenGrants.Unmap(page, handle);
        if (unmap != XenGrants.Okay) return "GNTTABOP_unmap_grant_ref failed";
        for (int i = 0; i < 4096; i++)
            if (view[i] != MapperFill) return "after unmap our own page did not come back";
        if (XenGrants.Unmap(page, handle) != XenGrants.BadHandle) return "a second unmap was not GNTST_bad_handle";

        ulong total = 0;
        for (int i = 0; i < Pings; i++)
        {
            ulong start = GuestCpu.ReadTsc();
            if (XenPeer.Send((uint)port) != 0) return "EVTCHNOP_send (ping) failed";
            if (!XenPeer.WaitEvent(shared, (uint)port, MaxBlocks)) return "a pong did not arrive";
            total += GuestCpu.ReadTsc() - start;
        }
        DebugConsole.Write("grantshare: mapper: event round trip ");
        DebugConsole.WriteDecimal((long)(total / Pings));
        DebugConsole.WriteLine(" cycles (guest RDTSC, mean of 100)");
        return null;
    }

    private static byte Pattern(int i) => (byte)(0x5A ^ i * 13);

    // The answer: "ANSWER" and a marker byte that differs from the pattern byte it overwrites.
    private const byte Marker = 0xA5;

    private static void WriteAnswer(byte* at)
    {
        at[0] = (byte)'A'; at[1] = (byte)'N'; at[2] = (byte)'S'; at[3] = (byte)'W'; at[4] = (byte)'E'; at[5] = (byte)'R';
        at[6] = Pattern(AnswerOffset + 6) == Marker ? (byte)(Marker + 1) : Marker;
        System.Threading.Interlocked.MemoryBarrier(); // the answer before the notification
    }

    private static bool IsAnswer(byte* at) =>
        at[0] == (byte)'A' && at[1] == (byte)'N' && at[2] == (byte)'S' && at[3] == (byte)'W' && at[4] == (byte)'E' && at[5] == (byte)'R' &&
        at[6] == (Pattern(AnswerOffset + 6) == Marker ? (byte)(Marker + 1) : Marker);
}
