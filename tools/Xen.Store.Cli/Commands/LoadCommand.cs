// Why: the "load" verb prints the table recorded in docs/xenstore.md. With --in-process it starts a
// private daemon on a temporary socket, so it needs nothing else running.
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Cli.Load;
using Xen.Store.Daemon.Hosting;

namespace Xen.Store.Cli.Commands;

/// <summary>The "load" verb.</summary>
internal static class LoadCommand
{
    public static Command Create(Option<string> socket)
    {
        Option<double> seconds = new("--seconds") { Description = "duration of each run", DefaultValueFactory = _ => 2.0 };
        Option<int> many = new("--clients") { Description = "the concurrent client count (besides 1)", DefaultValueFactory = _ => 8 };
        Option<bool> inProcess = new("--in-process") { Description = "start a private daemon on a temporary socket" };
        Option<bool> persistent = new("--persistent") { Description = "with --in-process: journal to a temporary state directory" };
        Command load = new("load", "measure ops/s and p50/p99 latency for READ, WRITE, DIRECTORY(1000 children), transactions");
        load.Options.Add(seconds);
        load.Options.Add(many);
        load.Options.Add(inProcess);
        load.Options.Add(persistent);
        load.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            string path = parse.GetValue(socket)!;
            XenStoreDaemon? daemon = null;
            if (parse.GetValue(inProcess))
            {
                path = Path.Combine(Path.GetTempPath(), "xs-load-" + Environment.ProcessId + ".sock");
                string? state = parse.GetValue(persistent) ? Path.Combine(Path.GetTempPath(), "xs-load-" + Environment.ProcessId + "-state") : null;
                daemon = new XenStoreDaemon(new XenStoreDaemonOptions { SocketPath = path, StateDirectory = state });
                daemon.Start();
            }

            try
            {
                int n = parse.GetValue(many);
                LoadRunner runner = new(path, TimeSpan.FromSeconds(parse.GetValue(seconds)));
                await runner.PrepareAsync(n);
                foreach (string scenario in LoadRunner.Scenarios)
                {
                    await new LoadRunner(path, TimeSpan.FromMilliseconds(300)).RunAsync(scenario, n); // JIT warm-up
                }

                Console.WriteLine("| scenario     | clients |      ops/s |  p50 (us) |  p99 (us) |");
                Console.WriteLine("|--------------|---------|------------|-----------|-----------|");
                foreach (string scenario in LoadRunner.Scenarios)
                {
                    foreach (int clients in new[] { 1, n })
                    {
                        Console.WriteLine((await runner.RunAsync(scenario, clients)).ToString());
                    }
                }
            }
            finally
            {
                if (daemon != null)
                {
                    await daemon.StopAsync();
                }
            }

            return 0;
        });
        return load;
    }
}
