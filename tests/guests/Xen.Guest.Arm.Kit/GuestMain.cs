// The managed entry of every arm64 test guest: console first (vpl011), then the runtime (page allocator over
// the guest RAM after the image, statics), then the guest's own GuestProgram.Run. Its return value decides
// the result line and the ending: `Test result: SUCCESS` and PSCI SYSTEM_OFF, or `Test result: FAILURE:
// <reason>` and SYSTEM_RESET. Memory: the hypervisor gives 64 MiB at GUEST_RAM0_BASE 0x40000000 (the kit's
// assumption; less would fault on first use); the device tree it passes in x0 (if any) is kept out of the
// allocator, 2 MiB from its address (the arm64 boot protocol's limit).
using System.Runtime;
using Xen.Runtime;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Guest.Arm.Kit;

internal static unsafe class GuestMain
{
    private const ulong RamBase = 0x40000000, RamSize = 64UL << 20;

    [RuntimeExport("XenGuestMain")]
    private static void Main(ulong deviceTree)
    {
        DebugConsole.SetSink(&GuestConsole.Put);
        Platform.SetPowerOff(&PowerOff);
        if (!InitializeRuntime(deviceTree)) Finish("runtime initialisation failed");
        Finish(Xen.Guest.GuestProgram.Run(deviceTree));
    }

    private static bool InitializeRuntime(ulong deviceTree)
    {
        MemoryMap map = default;
        map.Add(RamBase, RamSize, MemoryKind.Usable);
        map.Reserve(RamBase, GuestCpu.ImageEnd() - RamBase);
        if (deviceTree >= GuestCpu.ImageEnd() && deviceTree < RamBase + RamSize)
        {
            ulong start = deviceTree & ~0xFFFUL;
            ulong end = start + (2UL << 20) < RamBase + RamSize ? start + (2UL << 20) : RamBase + RamSize;
            map.Reserve(start, end - start);
        }
        if (RuntimeState.Initialize(map) == 0) return false;
        return Internal.Runtime.CompilerHelpers.StartupCodeHelpers.InitializeModules(GuestCpu.ModulesStart(), GuestCpu.ModulesEnd()) >= 0;
    }

    private static void Finish(string? failure)
    {
        if (failure is null)
        {
            DebugConsole.WriteLine("Test result: SUCCESS");
            Hypervisor.PowerOff(success: true);
        }
        DebugConsole.Write("Test result: FAILURE: ");
        DebugConsole.WriteLine(failure);
        Hypervisor.PowerOff(success: false);
    }

    private static void PowerOff(int status) => Hypervisor.PowerOff(status == 0);
}
