// Why: entry point of the xen-stream tool: dump, verify and convert Xen migration images.
using System.CommandLine;
using System.Threading.Tasks;
using Xen.Stream.Cli.Commands;

namespace Xen.Stream.Cli;

/// <summary>Program entry.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>The command tree (also used by tests).</summary>
    internal static RootCommand BuildRoot() =>
        new("Inspect, check and convert Xen migration streams (libxc v2/v3, libxl) and xl save files")
        {
            DumpCommand.Create(),
            VerifyCommand.Create(),
            ConvertCommand.Create(),
        };
}
