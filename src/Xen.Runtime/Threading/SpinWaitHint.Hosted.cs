// Hosted stand-in for the CPU's spin-wait hint: the BCL's SpinWait issues the same instruction.
using System.Threading;

namespace Xen.Runtime.Threading;

internal static class SpinWaitHint
{
    internal static void Pause() => Thread.SpinWait(1);
}
