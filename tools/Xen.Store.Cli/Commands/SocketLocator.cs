// Why: find the daemon the way Xen's libxenstore does (XENSTORED_PATH / XENSTORED_RUNDIR), so our CLI
// and Debian's xenstore-utils agree on which daemon they talk to.
using System.IO;

namespace Xen.Store.Cli.Commands;

/// <summary>Default socket path resolution.</summary>
internal static class SocketLocator
{
    public static string Default()
    {
        string? path = Environment.GetEnvironmentVariable("XENSTORED_PATH");
        if (!string.IsNullOrEmpty(path))
        {
            return path;
        }

        string? rundir = Environment.GetEnvironmentVariable("XENSTORED_RUNDIR");
        return Path.Combine(string.IsNullOrEmpty(rundir) ? "/run/xenstored" : rundir, "socket");
    }
}
