// Why: a text progress bar on stderr for long runs over large files, redrawn at most ten times a
// second so that reporting never costs throughput.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Xen.Stream.Cli.Output;

/// <summary>Draws "[#####-----]  45%  123.4 / 1024.0 MiB" on one line.</summary>
internal sealed class ProgressBar(TextWriter output, long total) : IProgress<long>
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1000;

    /// <summary>Files at least this large get a bar by default when stderr is a terminal.</summary>
    public const long AutoThreshold = 64L << 20;

    public void Report(long value)
    {
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100 && value < total) return;
        _lastDraw = now;
        double fraction = total <= 0 ? 1 : Math.Clamp((double)value / total, 0, 1);
        int filled = (int)(fraction * Width);
        double mib = value / 1048576.0, totalMib = total / 1048576.0;
        double rate = now > 0 ? mib / (now / 1000.0) : 0;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {fraction * 100,3:0}%  {mib:0.0} / {totalMib:0.0} MiB  {rate:0} MiB/s"));
    }

    public void Finish()
    {
        Report(total);
        output.WriteLine();
    }

    /// <summary>Creates a bar when asked for, or automatically for large files on a terminal.</summary>
    public static ProgressBar? For(long length, bool? requested) =>
        requested ?? (length >= AutoThreshold && !Console.IsErrorRedirected) ? new ProgressBar(Console.Error, length) : null;
}
