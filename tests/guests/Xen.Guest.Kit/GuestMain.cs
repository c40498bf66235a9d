// The managed entry of every test guest: console first, then the runtime (page allocator over guest RAM
// from the start info memory map, statics), then the guest's own GuestProgram.Run. Its return value decides
// the result line and the shutdown reason: `Test result: SUCCESS` and poweroff, or `Test result: FAILURE:
// <reason>` and crash. A panic in the guest also ends in SHUTDOWN_crash.
using System.Runtime;
using Xen.Runtime;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Guest.Kit;

internal static unsafe class GuestMain
{
    [RuntimeExport("XenGuestMain")]
    private static void Main(byte* startInfo)
    {
        DebugConsole.SetSink(&GuestConsole.Put);
        Platform.SetPowerOff(&PowerOff);
        if (startInfo == null || *(uint*)startInfo != 0x336ec578) Finish("bad hvm_start_info magic");
        if (!InitializeRuntime(startInfo)) Finish("runtime initialisation failed");
        Finish(GuestProgram.Run(startInfo));
    }

    private static bool InitializeRuntime(byte* startInfo)
    {
        MemoryMap map = default;
        ulong table = *(ulong*)(startInfo + 40);
        uint entries = *(uint*)(startInfo + 48);
        for (uint i = 0; i < entries && i < 64; i++)
        {
            byte* e = (byte*)table + i * 24;
            map.Add(*(ulong*)e, *(ulong*)(e + 8), *(uint*)(e + 16) == 1 ? MemoryKind.Usable : MemoryKind.Reserved);
        }
        map.Reserve(0, 1UL << 20);
        byte* image = (byte*)GuestCpu.ImageBase();
        int pe = *(int*)(image + 0x3C);
        map.Reserve((ulong)image, *(uint*)(image + pe + 24 + 56)); // SizeOfImage
        map.Reserve((ulong)startInfo & ~0xFFFUL, 4096);
        if (RuntimeState.Initialize(map) == 0) return false;
        return Internal.Runtime.CompilerHelpers.StartupCodeHelpers.InitializeModules(GuestCpu.ModulesStart(), GuestCpu.ModulesEnd()) >= 0;
    }

    private static void Finish(string? failure)
    {
        if (failure is null)
        {
            DebugConsole.WriteLine("Test result: SUCCESS");
            Xen.Shutdown(Xen.ShutdownPowerOff);
        }
        DebugConsole.Write("Test result: FAILURE: ");
        DebugConsole.WriteLine(failure);
        Xen.Shutdown(Xen.ShutdownCrash);
    }

    private static void PowerOff(int status) => Xen.Shutdown(status == 0 ? Xen.ShutdownPowerOff : Xen.ShutdownCrash);
}
