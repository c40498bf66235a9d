// The one way the hypervisor stops on an error: print what happened and where, then power off with a
// non-zero status. Allocation-free, so it works when the heap is the thing that failed.
namespace Xen.Runtime.Diagnostics;

/// <summary>Terminal error reporting.</summary>
public static unsafe class Panic
{
    private static int s_depth;

    /// <summary>Prints the panic report and stops the machine. Never returns.</summary>
    public static void Fail(PanicReason reason, string message, nuint address)
    {
        // A panic while panicking (e.g. a fault in the symbol lookup) must not recurse forever.
        if (++s_depth > 1)
        {
            Text.DebugConsole.WriteLine("\n*** Xen# panic: nested panic");
            Platform.Stop(Platform.PanicExitCode);
        }
        Text.DebugConsole.Write("\n*** Xen# panic: ");
        Text.DebugConsole.Write(ReasonName(reason));
        Text.DebugConsole.Write(": ");
        Text.DebugConsole.WriteLine(message);
        if (address != 0)
        {
            Text.DebugConsole.Write("    at ");
            Text.DebugConsole.WriteHex(address, 16);
            Text.DebugConsole.Write(' ');
            SymbolTable.WriteSymbol(address);
            Text.DebugConsole.WriteLine();
        }
        Platform.Stop(Platform.PanicExitCode);
    }

    /// <summary>Reports heap exhaustion for a request of <paramref name="size"/> bytes.</summary>
    public static void OutOfMemory(uint size)
    {
        Text.DebugConsole.Write("\n*** Xen# out of memory allocating ");
        Text.DebugConsole.WriteDecimal((ulong)size);
        Text.DebugConsole.WriteLine(" bytes");
        Fail(PanicReason.OutOfMemory, "heap exhausted", 0);
    }

    /// <summary>A short name for each reason.</summary>
    public static string ReasonName(PanicReason reason) => reason switch
    {
        PanicReason.UnhandledException => "unhandled exception",
        PanicReason.FailFast => "fail-fast",
        PanicReason.OutOfMemory => "out of memory",
        PanicReason.CpuException => "CPU exception",
        PanicReason.Boot => "boot",
        _ => "unknown",
    };
}
