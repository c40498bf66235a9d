// A domain's text output channel (console_io writes, the 0xE9 debug port): bytes are collected into lines
// and each line is printed on the hypervisor console as `(d<domid>) <line>`, like Xen's guest_console_write
// and hvm_print_line. Lines are capped so a guest that never sends a newline cannot grow hypervisor
// memory; a full buffer is flushed as a line of its own. Control characters other than tab are shown as '.',
// so a guest cannot drive the operator's terminal with escape sequences.
using System;

namespace Xen.Core.Console;

/// <summary>Line-buffered guest console output with a domain prefix.</summary>
public sealed class DomainConsole
{
    /// <summary>Longest line printed in one piece.</summary>
    public const int LineCapacity = 160;

    private readonly ushort _domainId;
    private readonly IConsoleOutput _output;
    private readonly byte[] _line = new byte[LineCapacity];
    private int _length;

    /// <summary>Creates the channel for domain <paramref name="domainId"/> writing to <paramref name="output"/>.</summary>
    public DomainConsole(ushort domainId, IConsoleOutput output)
    {
        _domainId = domainId;
        _output = output;
    }

    /// <summary>Bytes the guest sent through this channel.</summary>
    public ulong BytesWritten { get; private set; }

    /// <summary>Lines printed.</summary>
    public ulong LinesPrinted { get; private set; }

    /// <summary>Appends guest bytes; complete lines are printed.</summary>
    public void Write(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++) Put(text[i]);
    }

    /// <summary>Appends one guest byte.</summary>
    public void Put(byte value)
    {
        BytesWritten++;
        if (value == (byte)'\n') { Flush(); return; }
        if (value == (byte)'\r') return;
        if (value != (byte)'\t' && (value < 0x20 || value >= 0x7F)) value = (byte)'.';
        _line[_length++] = value;
        if (_length == LineCapacity) Flush();
    }

    /// <summary>Prints a partial line, if any.</summary>
    public void Flush()
    {
        if (_length == 0) return;
        _output.Write("(d");
        _output.WriteDecimal(_domainId);
        _output.Write(") ");
        _output.WriteAscii(new ReadOnlySpan<byte>(_line, 0, _length));
        _output.WriteLine();
        _length = 0;
        LinesPrinted++;
    }
}
