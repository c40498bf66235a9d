// Why this file exists: renders a policy's token dump (ISchedDumpWriter) onto a TextWriter for --dump.
using System.Globalization;
using System.IO;

namespace Xen.Sched.Simulator;

/// <summary>Writes scheduler dumps as text.</summary>
internal sealed class ConsoleDumpWriter : ISchedDumpWriter
{
    private readonly TextWriter _out;

    public ConsoleDumpWriter(TextWriter output) => _out = output;

    public void Text(string text) => _out.Write(text);

    public void Number(long value) => _out.Write(value.ToString(CultureInfo.InvariantCulture));

    public void EndLine() => _out.WriteLine();
}
