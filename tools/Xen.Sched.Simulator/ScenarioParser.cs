// Why this file exists: reads the line-oriented scenario format ("keyword key=value ..."), reporting the line
// number of any mistake. Hosted-only: it throws FormatException, which the CLI turns into an error message.
using System;
using System.Collections.Generic;
using System.Globalization;
using Xen.Sched.Policies.Arinc653;
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Simulator;

/// <summary>Parses scenario text.</summary>
internal static class ScenarioParser
{
    public static Scenario Parse(string text)
    {
        Scenario s = new Scenario();
        string[] lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line.Substring(0, hash);
            }

            string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            try
            {
                ParseLine(s, words);
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException)
            {
                throw new FormatException($"line {i + 1}: {e.Message}", e);
            }
        }

        return s;
    }

    private static void ParseLine(Scenario s, string[] words)
    {
        Dictionary<string, string> kv = new(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < words.Length; i++)
        {
            int eq = words[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                kv[words[i].Substring(0, eq)] = words[i].Substring(eq + 1);
            }
        }

        switch (words[0].ToLowerInvariant())
        {
            case "scheduler":
                s.Scheduler = ParseKind(Arg(words));
                break;
            case "topology":
                s.Nodes = Int(kv, "nodes", 1);
                s.SocketsPerNode = Int(kv, "sockets", 1);
                s.CoresPerSocket = Int(kv, "cores", 4);
                s.ThreadsPerCore = Int(kv, "threads", 1);
                break;
            case "option":
                ParseOptions(s, kv);
                break;
            case "duration":
                s.Duration = Time(Arg(words));
                break;
            case "seed":
                s.Seed = ulong.Parse(Arg(words), CultureInfo.InvariantCulture);
                break;
            case "buckets":
                s.Buckets = int.Parse(Arg(words), CultureInfo.InvariantCulture);
                break;
            case "domain":
                s.Domains.Add(ParseDomain(kv));
                break;
            case "pin":
                s.Pins.Add(ParsePin(kv));
                break;
            case "arinc653":
                s.MajorFrame = Time(kv["major"]);
                break;
            case "frame":
                s.Frames.Add(new Arinc653Entry(Int(kv, "domain", 0), Int(kv, "vcpu", 0), Time(kv["runtime"])));
                break;
            default:
                throw new FormatException($"unknown keyword '{words[0]}'");
        }
    }

    private static string Arg(string[] words) =>
        words.Length > 1 ? words[1] : throw new FormatException($"'{words[0]}' needs a value");

    private static SchedulerKind ParseKind(string name) => name.ToLowerInvariant() switch
    {
        "credit" => SchedulerKind.Credit,
        "credit2" => SchedulerKind.Credit2,
        "rtds" => SchedulerKind.Rtds,
        "null" => SchedulerKind.Null,
        "arinc653" => SchedulerKind.Arinc653,
        _ => throw new FormatException($"unknown scheduler '{name}'"),
    };

    private static void ParseOptions(Scenario s, Dictionary<string, string> kv)
    {
        if (kv.TryGetValue("credit2_runqueue", out string? rq))
        {
            s.Options.Credit2Runqueue = rq.ToLowerInvariant() switch
            {
                "cpu" => TopologyLevel.Cpu,
                "core" => TopologyLevel.Core,
                "socket" => TopologyLevel.Socket,
                "node" => TopologyLevel.Node,
                "all" => TopologyLevel.All,
                _ => throw new FormatException($"credit2_runqueue must be cpu|core|socket|node|all, not '{rq}'"),
            };
        }

        if (kv.TryGetValue("ratelimit_us", out string? rl))
        {
            s.Options.Ratelimit = long.Parse(rl, CultureInfo.InvariantCulture) * SchedTime.Microsecond;
        }

        if (kv.TryGetValue("tslice_ms", out string? ts))
        {
            s.Options.CreditTimeslice = long.Parse(ts, CultureInfo.InvariantCulture) * SchedTime.Millisecond;
        }

        if (kv.TryGetValue("migrate_resist_us", out string? mr))
        {
            s.Options.Credit2MigrateResist = long.Parse(mr, CultureInfo.InvariantCulture) * SchedTime.Microsecond;
        }
    }

    private static ScenarioDomain ParseDomain(Dictionary<string, string> kv)
    {
        ScenarioDomain d = new ScenarioDomain { Id = Int(kv, "id", 0), Vcpus = Int(kv, "vcpus", 1) };
        d.Params.Weight = Int(kv, "weight", d.Params.Weight);
        d.Params.Cap = Int(kv, "cap", d.Params.Cap);
        if (kv.TryGetValue("period", out string? p))
        {
            d.Params.Period = Time(p);
        }

        if (kv.TryGetValue("budget", out string? b))
        {
            d.Params.Budget = Time(b);
        }

        d.Params.ExtraTime = Int(kv, "extratime", 0) != 0;
        string load = kv.TryGetValue("load", out string? l) ? l.ToLowerInvariant() : "cpu";
        d.Load = load switch
        {
            "cpu" => Workload.CpuBound(),
            "io" => Workload.Io(Time(kv["run"]), Time(kv["sleep"]), ParseDist(kv.TryGetValue("dist", out string? ds) ? ds : "exp")),
            "periodic" => Workload.Periodic(Time(kv["tperiod"]), Time(kv["wcet"]), kv.TryGetValue("offset", out string? o) ? Time(o) : 0),
            _ => throw new FormatException($"load must be cpu|io|periodic, not '{load}'"),
        };
        return d;
    }

    private static Distribution ParseDist(string name) => name.ToLowerInvariant() switch
    {
        "fixed" => Distribution.Fixed,
        "exp" => Distribution.Exponential,
        "uniform" => Distribution.Uniform,
        _ => throw new FormatException($"dist must be fixed|exp|uniform, not '{name}'"),
    };

    private static ScenarioPin ParsePin(Dictionary<string, string> kv)
    {
        ScenarioPin pin = new ScenarioPin { DomainId = Int(kv, "domain", 0), Vcpu = Int(kv, "vcpu", 0) };
        pin.Hard.AddRange(CpuList(kv["hard"]));
        if (kv.TryGetValue("soft", out string? soft))
        {
            pin.Soft = CpuList(soft);
        }

        if (kv.TryGetValue("at", out string? at))
        {
            pin.At = Time(at);
        }

        return pin;
    }

    /// <summary>Parses "0-3,6,8-9" (xl's cpu list syntax).</summary>
    public static List<int> CpuList(string text)
    {
        List<int> cpus = new();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                cpus.Add(int.Parse(part, CultureInfo.InvariantCulture));
                continue;
            }

            int from = int.Parse(part.AsSpan(0, dash), CultureInfo.InvariantCulture);
            int to = int.Parse(part.AsSpan(dash + 1), CultureInfo.InvariantCulture);
            for (int c = from; c <= to; c++)
            {
                cpus.Add(c);
            }
        }

        return cpus;
    }

    private static int Int(Dictionary<string, string> kv, string key, int fallback) =>
        kv.TryGetValue(key, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Parses a time with an optional unit: ns, us, ms, s (default ns).</summary>
    public static long Time(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        (string unit, long scale)[] units = { ("ns", 1), ("us", SchedTime.Microsecond), ("ms", SchedTime.Millisecond), ("s", SchedTime.Second) };
        foreach ((string unit, long scale) in units)
        {
            if (t.EndsWith(unit, StringComparison.Ordinal))
            {
                double v = double.Parse(t.AsSpan(0, t.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture);
                return (long)Math.Round(v * scale);
            }
        }

        return long.Parse(t, CultureInfo.InvariantCulture);
    }
}
