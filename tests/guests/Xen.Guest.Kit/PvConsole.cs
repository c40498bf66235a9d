// The guest end of the PV console (xen/include/public/io/console.h): write into out[2048] at out_prod,
// publish out_prod after a barrier, notify the console event channel. Waits (by polling out_cons) when the
// ring is full.
using System.Threading;

namespace Xen.Guest.Kit;

/// <summary>Writes text through xencons_interface.out.</summary>
internal static unsafe class PvConsole
{
    private const int OutOffset = 1024, OutSize = 2048, OutCons = 3080, OutProd = 3084;

    /// <summary>Writes <paramref name="text"/> (ASCII) to the ring at <paramref name="page"/> and notifies <paramref name="port"/>.</summary>
    internal static long Write(byte* page, uint port, string text)
    {
        uint* cons = (uint*)(page + OutCons);
        uint* prod = (uint*)(page + OutProd);
        uint p = Volatile.Read(ref *prod);
        for (int i = 0; i < text.Length; i++)
        {
            while (p - Volatile.Read(ref *cons) >= OutSize)
            {
                Volatile.Write(ref *prod, p);
                XenEvents.PortOp(XenEvents.EvtchnSend, port);
            }
            page[OutOffset + (p & (OutSize - 1))] = (byte)text[i];
            p++;
        }
        Interlocked.MemoryBarrier(); // data before the producer index (console.h protocol)
        Volatile.Write(ref *prod, p);
        return XenEvents.PortOp(XenEvents.EvtchnSend, port);
    }
}
