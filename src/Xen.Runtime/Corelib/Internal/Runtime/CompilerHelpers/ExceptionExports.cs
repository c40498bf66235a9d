// Exceptions end in a panic until images grow an unwinder: the assembly thunk RhpThrowEx passes the throw
// site's return address, so the panic names the method that threw (via the symbol table).
#pragma warning disable CS1591
using System;
using System.Runtime;

namespace Internal.Runtime.CompilerHelpers;

internal static class ExceptionExports
{
    [RuntimeExport("XenUnhandledException")]
    private static void UnhandledException(object exception, nuint throwAddress)
    {
        string message = exception is Exception e ? e.Message : "(not a System.Exception)";
        Xen.Runtime.Diagnostics.Panic.Fail(Xen.Runtime.Diagnostics.PanicReason.UnhandledException, message, throwAddress);
    }

    [RuntimeExport("XenFailFast")]
    private static void FailFast(nuint address) =>
        Xen.Runtime.Diagnostics.Panic.Fail(Xen.Runtime.Diagnostics.PanicReason.FailFast, "fail-fast (stack cookie corrupted or runtime invariant broken)", address);
}
