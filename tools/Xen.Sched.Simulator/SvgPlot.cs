// Why this file exists: writes the simulation's plot as a self-contained SVG (no plotting package): a panel
// with one line per domain showing its share of the machine in each time bucket, and — when any domain
// recorded wake-ups — a second panel with the worst wake-up latency per bucket; axes, grid and legend.
using System;
using System.Globalization;
using System.IO;
using System.Text;
using Xen.Sched.Simulation;

namespace Xen.Sched.Simulator;

/// <summary>SVG line charts of CPU share and wake-up latency over time.</summary>
internal static class SvgPlot
{
    private const int Width = 900;
    private const int PanelHeight = 330;
    private const int Left = 70;
    private const int Right = 190;
    private const int Top = 30;
    private const int Bottom = 50;

    private static readonly string[] Colours =
    {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    };

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string path, string title, SchedulerSimulator sim, int cpus) =>
        File.WriteAllText(path, Render(title, sim, cpus));

    public static string Render(string title, SchedulerSimulator sim, int cpus)
    {
        bool latency = false;
        for (int d = 0; d < sim.DomainCount; d++)
        {
            latency |= sim.Domain(d).Latency.Count > 0;
        }

        int height = latency ? 2 * PanelHeight : PanelHeight;
        StringBuilder sb = new();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(Inv, $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n");
        double capacity = (double)sim.BucketWidth * cpus;
        Panel(sb, sim, 0, "share of machine", "%", d => d.Series, v => 100.0 * v / capacity, true);
        if (latency)
        {
            Panel(sb, sim, PanelHeight, "worst wake-up latency", "us", d => d.LatencySeries, v => v / 1000.0, false);
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Panel(StringBuilder sb, SchedulerSimulator sim, int y0, string label, string unit,
        Func<SimDomainStats, long[]> series, Func<long, double> scale, bool legend)
    {
        int buckets = sim.DomainCount > 0 ? series(sim.Domain(0)).Length : 0;
        double plotW = Width - Left - Right;
        double plotH = PanelHeight - Top - Bottom;
        double top = y0 + Top;
        double max = 0;
        for (int d = 0; d < sim.DomainCount; d++)
        {
            foreach (long v in series(sim.Domain(d)))
            {
                max = Math.Max(max, scale(v));
            }
        }

        double yMax = NiceCeiling(max);
        for (int i = 0; i <= 5; i++)
        {
            double y = top + plotH - (plotH * i / 5);
            sb.Append(Inv, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotW:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n");
            sb.Append(Inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{yMax * i / 5:G4}{unit}</text>\n");
            double x = Left + (plotW * i / 5);
            sb.Append(Inv, $"<text x=\"{x:F1}\" y=\"{top + plotH + 18:F1}\" text-anchor=\"middle\">{sim.Duration / 1e6 * i / 5:F0}</text>\n");
        }

        sb.Append(Inv, $"<rect x=\"{Left}\" y=\"{top:F1}\" width=\"{plotW:F1}\" height=\"{plotH:F1}\" fill=\"none\" stroke=\"black\"/>\n");
        sb.Append(Inv, $"<text x=\"{Left + (plotW / 2):F1}\" y=\"{top + plotH + 38:F1}\" text-anchor=\"middle\">time (ms)</text>\n");
        sb.Append(Inv, $"<text transform=\"translate(16,{top + (plotH / 2):F1}) rotate(-90)\" text-anchor=\"middle\">{Escape(label)}</text>\n");
        for (int d = 0; d < sim.DomainCount; d++)
        {
            SimDomainStats stats = sim.Domain(d);
            long[] values = series(stats);
            string colour = Colours[d % Colours.Length];
            sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"");
            for (int b = 0; b < buckets; b++)
            {
                double x = Left + (plotW * (b + 0.5) / buckets);
                double y = top + plotH - (plotH * Math.Min(scale(values[b]), yMax) / yMax);
                sb.Append(Inv, $"{x:F1},{y:F1} ");
            }

            sb.Append("\"/>\n");
            double ly = top + 10 + (d * 18);
            sb.Append(Inv, $"<line x1=\"{Width - Right + 12}\" y1=\"{ly:F1}\" x2=\"{Width - Right + 32}\" y2=\"{ly:F1}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n");
            string text = legend
                ? string.Create(Inv, $"dom {stats.DomainId} ({100.0 * stats.RunTime / ((double)sim.Duration * sim.CpuCount):F1}%)")
                : string.Create(Inv, $"dom {stats.DomainId} (p99 {stats.Latency.Percentile(99) / 1000.0:F0}us)");
            sb.Append(Inv, $"<text x=\"{Width - Right + 38}\" y=\"{ly + 4:F1}\">{text}</text>\n");
        }
    }

    private static double NiceCeiling(double v)
    {
        if (v <= 0)
        {
            return 1;
        }

        double p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (double m in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (v <= m * p)
            {
                return m * p;
            }
        }

        return 10 * p;
    }

    private static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
