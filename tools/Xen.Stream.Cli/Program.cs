// Why: entry point of the xen-stream tool: dump, verify and convert Xen migration images.
using System.CommandLine;
using System.Threading.Tasks;
using Xen.Stream.Cli.Commands;

namespace Xen.Stream.Cli;

/// <summary>Program entry.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Inspect, check and convert Xen migration streams (libxc v2/v3, libxl) and xl save files")
        {
            DumpCommand.Create(),
            VerifyCommand.Create(),
            ConvertCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
