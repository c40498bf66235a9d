// The CPU's spin-wait hint (x86 PAUSE, arm64 YIELD): lets a sibling hyperthread run and keeps a spinning
// CPU from flooding the memory system while it polls a lock word.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Runtime.Threading;

internal static class SpinWaitHint
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_cpu_relax")]
    internal static extern void Pause();
}
