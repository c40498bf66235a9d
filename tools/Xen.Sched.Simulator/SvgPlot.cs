// Why this file exists: writes the simulation's plot as a self-contained SVG (no plotting package): one line
// per domain showing its share of the machine in each time bucket, with axes, grid and a legend.
using System;
using System.Globalization;
using System.IO;
using System.Text;
using Xen.Sched.Simulation;

namespace Xen.Sched.Simulator;

/// <summary>SVG line chart of CPU share over time.</summary>
internal static class SvgPlot
{
    private const int Width = 900;
    private const int Height = 420;
    private const int Left = 60;
    private const int Right = 170;
    private const int Top = 30;
    private const int Bottom = 50;

    private static readonly string[] Colours =
    {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    };

    public static void Write(string path, string title, SchedulerSimulator sim, int cpus)
    {
        File.WriteAllText(path, Render(title, sim, cpus));
    }

    public static string Render(string title, SchedulerSimulator sim, int cpus)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        int buckets = sim.DomainCount > 0 ? sim.Domain(0).Series.Length : 0;
        double plotW = Width - Left - Right;
        double plotH = Height - Top - Bottom;
        double capacity = (double)sim.BucketWidth * cpus;
        double max = 1;
        for (int d = 0; d < sim.DomainCount; d++)
        {
            foreach (long v in sim.Domain(d).Series)
            {
                max = Math.Max(max, 100.0 * v / capacity);
            }
        }

        double yMax = Math.Min(100, Math.Ceiling(max / 10) * 10);
        StringBuilder sb = new();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(inv, $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n");
        for (int i = 0; i <= 5; i++)
        {
            double y = Top + plotH - (plotH * i / 5);
            sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotW:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{yMax * i / 5:F0}%</text>\n");
            double x = Left + (plotW * i / 5);
            double ms = sim.Duration / 1e6 * i / 5;
            sb.Append(inv, $"<text x=\"{x:F1}\" y=\"{Top + plotH + 18:F1}\" text-anchor=\"middle\">{ms:F0}</text>\n");
        }

        sb.Append(inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW:F1}\" height=\"{plotH:F1}\" fill=\"none\" stroke=\"black\"/>\n");
        sb.Append(inv, $"<text x=\"{Left + (plotW / 2):F1}\" y=\"{Height - 12}\" text-anchor=\"middle\">time (ms)</text>\n");
        sb.Append(inv, $"<text transform=\"translate(16,{Top + (plotH / 2):F1}) rotate(-90)\" text-anchor=\"middle\">share of machine</text>\n");
        for (int d = 0; d < sim.DomainCount; d++)
        {
            SimDomainStats stats = sim.Domain(d);
            string colour = Colours[d % Colours.Length];
            sb.Append(inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"");
            for (int b = 0; b < buckets; b++)
            {
                double x = Left + (plotW * (b + 0.5) / buckets);
                double share = 100.0 * stats.Series[b] / capacity;
                double y = Top + plotH - (plotH * Math.Min(share, yMax) / yMax);
                sb.Append(inv, $"{x:F1},{y:F1} ");
            }

            sb.Append("\"/>\n");
            double ly = Top + 10 + (d * 18);
            sb.Append(inv, $"<line x1=\"{Width - Right + 12}\" y1=\"{ly:F1}\" x2=\"{Width - Right + 32}\" y2=\"{ly:F1}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n");
            sb.Append(inv, $"<text x=\"{Width - Right + 38}\" y=\"{ly + 4:F1}\">dom {stats.DomainId} ({100.0 * stats.RunTime / ((double)sim.Duration * cpus):F1}%)</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
