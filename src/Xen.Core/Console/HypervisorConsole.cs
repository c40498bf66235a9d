// The IConsoleOutput over the runtime's DebugConsole (the serial port in images).
using System;
using Xen.Runtime.Text;

namespace Xen.Core.Console;

/// <summary>The hypervisor's own console.</summary>
public sealed class HypervisorConsole : IConsoleOutput
{
    /// <inheritdoc />
    public void Write(ReadOnlySpan<char> text) => DebugConsole.Write(text);

    /// <inheritdoc />
    public void WriteAscii(ReadOnlySpan<byte> text) => DebugConsole.WriteAscii(text);

    /// <inheritdoc />
    public void WriteLine() => DebugConsole.Write('\n');
}
