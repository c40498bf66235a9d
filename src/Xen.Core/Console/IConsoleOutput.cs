// Where hypervisor-side text goes. Images write to the serial console (HypervisorConsole); hosted tests
// capture it. Domain consoles and crash reports write here, never to a device directly.
using System;

namespace Xen.Core.Console;

/// <summary>A text sink for hypervisor output (ASCII).</summary>
public interface IConsoleOutput
{
    /// <summary>Writes characters.</summary>
    void Write(ReadOnlySpan<char> text);

    /// <summary>Writes ASCII bytes (guest text; non-printable bytes are the sink's business).</summary>
    void WriteAscii(ReadOnlySpan<byte> text);

    /// <summary>Ends the line.</summary>
    void WriteLine();
}
