// Why: the daemon host executable: listen on the socket, persist to a state directory, stop on
// SIGINT/SIGTERM (graceful: snapshot written); a SIGKILL loses nothing thanks to the journal.
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Daemon.Hosting;

namespace Xen.Store.Cli.Commands;

/// <summary>The "serve" verb.</summary>
internal static class ServeCommand
{
    public static Command Create(Option<string> socket)
    {
        Option<string?> state = new("--state") { Description = "state directory (snapshot + journal); omit for an in-memory store" };
        Command serve = new("serve", "run xenstored on a Unix domain socket");
        serve.Options.Add(state);
        serve.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            XenStoreDaemon daemon = new(new XenStoreDaemonOptions
            {
                SocketPath = parse.GetValue(socket)!,
                StateDirectory = parse.GetValue(state),
            });
            daemon.Start();
            Console.WriteLine("xenstored listening on " + daemon.SocketPath + " (restored sessions: " + daemon.RestoredSessions + ")");
            using SemaphoreSlim stop = new(0);
            using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Release(); });
            try
            {
                await stop.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }

            await daemon.StopAsync();
            return 0;
        });
        return serve;
    }
}
