// Why: `xen-stream dump FILE [--json]` — every header and record with its offset, validated as it
// goes; a malformed stream prints what was valid and then the precise error.
using System;
using System.CommandLine;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;
using Xen.Migration.Validation;
using Xen.Stream.Cli.Output;

namespace Xen.Stream.Cli.Commands;

/// <summary>The dump command.</summary>
internal static class DumpCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Image to dump (xl save file, libxl or libxc stream; - for stdin)" };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text" };
        var progress = new Option<bool?>("--progress") { Description = "Force the progress bar on or off (default: on for large files on a terminal)" };
        var cmd = new Command("dump", "Print every header and record of an image") { file, json, progress };
        cmd.SetAction(async (parse, ct) =>
        {
            string path = parse.GetValue(file)!;
            (PipeReader reader, long length, System.IO.Stream s) = InputFile.Open(path);
            await using (s.ConfigureAwait(false))
            {
                ProgressBar? bar = ProgressBar.For(length, parse.GetValue(progress));
                int rc;
                if (parse.GetValue(json))
                {
                    using var stdout = Console.OpenStandardOutput();
                    using var sink = new JsonDump(stdout);
                    rc = await RunAsync(reader, path, sink, bar, ct).ConfigureAwait(false);
                }
                else
                {
                    rc = await RunAsync(reader, path, new HumanDump(Console.Out), bar, ct).ConfigureAwait(false);
                }
                bar?.Finish();
                return rc;
            }
        });
        return cmd;
    }

    /// <summary>Dumps <paramref name="input"/> into <paramref name="sink"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(PipeReader input, string source, IDumpSink sink, IProgress<long>? progress, CancellationToken ct)
    {
        var reader = new MigrationStreamReader(input);
        long records = 0;
        bool begun = false;
        try
        {
            while (await reader.MoveNextAsync(ct).ConfigureAwait(false))
            {
                if (!begun)
                {
                    sink.Begin(source, reader.Framing);
                    begun = true;
                }
                MigrationItem item = reader.Current;
                if (item.RecordIndex >= 0) records++;
                sink.Item(item, reader.DomainHeader);
                progress?.Report(reader.BytesConsumed);
            }
            sink.End(reader.BytesConsumed, records, reader.PagesSeen, reader.Checkpoints);
            return 0;
        }
        catch (MigrationFormatException e)
        {
            if (!begun) sink.Begin(source, reader.Framing);
            sink.Error(e.Message);
            return 1;
        }
    }
}
