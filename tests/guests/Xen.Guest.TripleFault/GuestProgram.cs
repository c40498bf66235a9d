// Xen.Guest.TripleFault: HYPERVISOR_iret is not available to HVM guests, so its hypercall-page slot is ud2.
// This guest has no IDT (the kit never loads one), so calling that slot raises #UD → #DF → triple fault,
// which SVM reports as a SHUTDOWN intercept. Reaching the line after the call would be a failure.
using Xen.Guest.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const int HypercallIret = 23;

    internal static string? Run(byte* startInfo)
    {
        if (!Kit.Xen.HasSignature(out _)) return "no Xen signature";
        Kit.Xen.InstallHypercallPage();
        DebugConsole.WriteLine("triple: calling the iret slot (ud2) with no IDT");
        Kit.Xen.Call(HypercallIret);
        return "the iret slot returned instead of faulting";
    }
}
