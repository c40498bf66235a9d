// A console sink that keeps what the hypervisor would print, for assertions.
using System.Text;
using Xen.Core.Console;

namespace Xen.Arch.Arm.Tests.Virtualization;

internal sealed class CapturedConsole : IConsoleOutput
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public void Write(ReadOnlySpan<char> text) => _text.Append(text);

    public void WriteAscii(ReadOnlySpan<byte> text) => _text.Append(Encoding.ASCII.GetString(text));

    public void WriteLine() => _text.Append('\n');
}
