// Xen.Guest.Xenstore: the hypervisor-served xenstore from inside d1. Returns null on success or the first failure.
//   1. HVM_PARAM_STORE_PFN/EVTCHN name the ring page and port.
//   2. READ domid and name (relative to /local/domain/<id>): "1" and "d1".
//   3. WRITE data/test, READ it back; DIRECTORY of /local/domain/1 lists domid, name, data.
//   4. Isolation: READ /local/domain/0/name and another domain's node, WRITE under dom0's home → ERROR
//      (EACCES, or ENOENT for a node that does not exist, as xenstored answers).
//   5. The READ round trip (request → send → reply), measured with RDTSC.
using Xen.Guest.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const int Reads = 100;
    private const int Capacity = 512;

    internal static string? Run(byte* startInfo)
    {
        Kit.Xen.InstallHypercallPage();
        if (!XenStoreClient.Initialize()) return "HVM_PARAM_STORE_PFN/EVTCHN unreadable";
        DebugConsole.Write("xenstore: ring at gfn ");
        DebugConsole.WriteHex((ulong)XenStoreClient.Page / 4096);
        DebugConsole.Write(", port ");
        DebugConsole.WriteDecimal(XenStoreClient.Port);
        DebugConsole.WriteLine();

        byte* reply = stackalloc byte[Capacity];
        int n = XenStoreClient.Request(XenStoreClient.Read, "domid", null, reply, Capacity, out uint type);
        if (n < 0 || type != XenStoreClient.Read) return "READ domid failed";
        if (!XenStoreClient.SameText(reply, n, "1")) return "domid is not 1";
        n = XenStoreClient.Request(XenStoreClient.Read, "name", null, reply, Capacity, out type);
        if (n < 0 || type != XenStoreClient.Read || !XenStoreClient.SameText(reply, n, "d1")) return "name is not d1";
        DebugConsole.WriteLine("xenstore: domid 1, name d1");

        n = XenStoreClient.Request(XenStoreClient.Write, "data/test", "hello from d1", reply, Capacity, out type);
        if (n < 0 || type != XenStoreClient.Write || !XenStoreClient.SameText(reply, n, "OK")) return "WRITE data/test failed";
        n = XenStoreClient.Request(XenStoreClient.Read, "data/test", null, reply, Capacity, out type);
        if (n < 0 || type != XenStoreClient.Read || !XenStoreClient.SameText(reply, n, "hello from d1")) return "data/test did not read back";
        n = XenStoreClient.Request(XenStoreClient.Directory, "/local/domain/1", null, reply, Capacity, out type);
        if (n < 0 || type != XenStoreClient.Directory) return "DIRECTORY /local/domain/1 failed";
        if (!XenStoreClient.ListContains(reply, n, "domid") || !XenStoreClient.ListContains(reply, n, "name")
            || !XenStoreClient.ListContains(reply, n, "data"))
            return "DIRECTORY /local/domain/1 lacks domid, name or data";
        DebugConsole.WriteLine("xenstore: data/test written and read back, home lists domid name data");

        string? denied = Denied("/local/domain/0/name", null, reply);
        if (denied is not null) return denied;
        denied = Denied("/local/domain/2/name", null, reply);
        if (denied is not null) return denied;
        denied = Denied("/local/domain/0/data/x", "y", reply);
        if (denied is not null) return denied;
        DebugConsole.WriteLine("xenstore: dom0's and other domains' nodes refused");

        ulong total = 0;
        for (int i = 0; i < Reads; i++)
        {
            ulong start = GuestCpu.ReadTsc();
            n = XenStoreClient.Request(XenStoreClient.Read, "domid", null, reply, Capacity, out type);
            total += GuestCpu.ReadTsc() - start;
            if (n != 1) return "a timed READ failed";
        }
        DebugConsole.Write("xenstore: READ round trip ");
        DebugConsole.WriteDecimal(total / Reads);
        DebugConsole.WriteLine(" cycles (guest RDTSC)");
        return null;
    }

    // A READ (value null) or WRITE that must come back as ERROR EACCES or ENOENT.
    private static string? Denied(string path, string? value, byte* reply)
    {
        uint request = value is null ? XenStoreClient.Read : XenStoreClient.Write;
        int n = XenStoreClient.Request(request, path, value, reply, Capacity, out uint type);
        if (n < 0) return "the ring failed on a refused request";
        if (type != XenStoreClient.Error) return "another domain's node was accessible";
        if (!XenStoreClient.SameText(reply, n, "EACCES") && !XenStoreClient.SameText(reply, n, "ENOENT"))
            return "refusal was neither EACCES nor ENOENT";
        DebugConsole.Write("xenstore: ");
        DebugConsole.Write(path);
        DebugConsole.Write(" -> ");
        DebugConsole.WriteLine(XenStoreClient.SameText(reply, n, "EACCES") ? "EACCES" : "ENOENT");
        return null;
    }
}
