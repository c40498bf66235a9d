// Why: `xen-stream verify FILE` — validates a whole image in constant memory and reports a one-line
// verdict; the exit code is 0 for a valid image and 1 for a malformed one.
using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Streaming;
using Xen.Migration.Validation;
using Xen.Stream.Cli.Output;

namespace Xen.Stream.Cli.Commands;

/// <summary>The verify command.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Image to check (- for stdin)" };
        var lenient = new Option<bool>("--lenient") { Description = "Ignore non-zero reserved fields (the spec tells restorers to ignore them)" };
        var progress = new Option<bool?>("--progress") { Description = "Force the progress bar on or off" };
        var cmd = new Command("verify", "Validate an image against the stream specifications") { file, lenient, progress };
        cmd.SetAction(async (parse, ct) =>
        {
            string path = parse.GetValue(file)!;
            (PipeReader reader, long length, System.IO.Stream s) = InputFile.Open(path);
            await using (s.ConfigureAwait(false))
            {
                ProgressBar? bar = ProgressBar.For(length, parse.GetValue(progress));
                MigrationLimits limits = MigrationLimits.Default with { RejectNonZeroReserved = !parse.GetValue(lenient) };
                int rc = await RunAsync(reader, limits, Console.Out, Console.Error, bar, ct).ConfigureAwait(false);
                bar?.Finish();
                return rc;
            }
        });
        return cmd;
    }

    /// <summary>Validates <paramref name="input"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(PipeReader input, MigrationLimits limits, TextWriter stdout, TextWriter stderr,
        IProgress<long>? progress, CancellationToken ct)
    {
        var reader = new MigrationStreamReader(input, limits);
        long records = 0;
        try
        {
            while (await reader.MoveNextAsync(ct).ConfigureAwait(false))
            {
                if (reader.Current.RecordIndex >= 0) records++;
                progress?.Report(reader.BytesConsumed);
            }
        }
        catch (MigrationFormatException e)
        {
            stderr.WriteLine("INVALID: " + e.Message);
            return 1;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OK: {reader.Framing} framing, libxc v{reader.ImageHeader!.Version} {reader.DomainHeader!.Type}, {records} records, {reader.PagesSeen} pages with data, {reader.Checkpoints} checkpoints, {reader.BytesConsumed} octets"));
        return 0;
    }
}
