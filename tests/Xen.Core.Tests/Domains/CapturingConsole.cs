using System.Text;
using Xen.Core.Console;

namespace Xen.Core.Tests.Domains;

internal sealed class CapturingConsole : IConsoleOutput
{
    private readonly StringBuilder _text = new();
    public void Write(ReadOnlySpan<char> text) => _text.Append(text);
    public void WriteAscii(ReadOnlySpan<byte> text) { foreach (byte b in text) _text.Append((char)b); }
    public void WriteLine() => _text.Append('\n');
    public string Text => _text.ToString();
    public string[] Lines => _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
