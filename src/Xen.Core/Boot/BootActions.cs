// What the hypervisor does after the platform is up, chosen by the command line:
//   selftest           run the runtime and allocator self-tests and report
//   fault              read from page 0 (unmapped): proves the exception path and crash dump
//   panic=<kind>       provoke a managed failure: throw | bounds | null | overflow | cookie
// Returns the exit status for the platform's power-off (0 = all requested actions succeeded).
using System;
using System.Runtime.CompilerServices;
using Xen.Runtime.SelfTests;
using Xen.Runtime.Text;

namespace Xen.Core.Boot;

/// <summary>Command-line driven boot actions.</summary>
public static unsafe class BootActions
{
    /// <summary>Runs the actions the command line asks for.</summary>
    public static int Run(CommandLine commandLine)
    {
        int status = 0;
        if (commandLine.Has("selftest") && !SelfTestRunner.RunAll()) status = 2;
        if (commandLine.Has("fault"))
        {
            DebugConsole.WriteLine("fault: reading address 0x10 (page 0)");
            ulong value = Volatile(*(ulong*)0x10);
            DebugConsole.WriteHex(value); // not reached: the read faults
        }
        if (commandLine.TryGetValue("panic", out ReadOnlySpan<byte> kind)) Provoke(kind);
        return status;
    }

    private static void Provoke(ReadOnlySpan<byte> kind)
    {
        DebugConsole.Write("panic: provoking ");
        DebugConsole.WriteAscii(kind);
        DebugConsole.WriteLine();
        if (Is(kind, "throw")) throw new InvalidOperationException("deliberate throw from the panic=throw boot action");
        if (Is(kind, "bounds")) { int[] small = new int[2]; DebugConsole.WriteDecimal((long)small[Index(5)]); }
        if (Is(kind, "null")) { string? nothing = Nothing(); DebugConsole.WriteDecimal((long)nothing!.Length); }
        if (Is(kind, "overflow")) { int big = Index(int.MaxValue); DebugConsole.WriteDecimal((long)checked(big + 1)); }
        if (Is(kind, "cookie")) SmashStack(Index(64));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SmashStack(int count)
    {
        byte* buffer = stackalloc byte[16];
        for (int i = 0; i < count; i++) buffer[i] = 0xA5; // overruns into the stack cookie
        DebugConsole.WriteDecimal((long)buffer[0]);
    }

    // Opaque to the optimiser so the failures happen at run time, not at compile time.
    [MethodImpl(MethodImplOptions.NoInlining)] private static int Index(int value) => value;
    [MethodImpl(MethodImplOptions.NoInlining)] private static string? Nothing() => null;
    [MethodImpl(MethodImplOptions.NoInlining)] private static ulong Volatile(ulong value) => value;

    private static bool Is(ReadOnlySpan<byte> value, string expected)
    {
        if (value.Length != expected.Length) return false;
        for (int i = 0; i < value.Length; i++)
            if (value[i] != (byte)expected[i]) return false;
        return true;
    }
}
