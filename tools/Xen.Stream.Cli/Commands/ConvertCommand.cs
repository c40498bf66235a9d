// Why: `xen-stream convert IN OUT --to xl|libxl|libxc [--config FILE]` — re-frames an image while
// validating it, streaming, with libxc records copied byte for byte.
using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Threading.Tasks;
using Xen.Migration.Streaming;
using Xen.Migration.Validation;
using Xen.Migration.Xl;
using Xen.Stream.Cli.Output;

namespace Xen.Stream.Cli.Commands;

/// <summary>The convert command.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Source image (- for stdin)" };
        var output = new Argument<string>("output") { Description = "Destination file (- for stdout)" };
        var to = new Option<string>("--to") { Description = "Target framing", Required = true };
        to.AcceptOnlyFromAmong("xl", "libxl", "libxc");
        var config = new Option<FileInfo?>("--config") { Description = "JSON domain config for a new xl header (when the input has none)" };
        var progress = new Option<bool?>("--progress") { Description = "Force the progress bar on or off" };
        var cmd = new Command("convert", "Convert between the xl, libxl and libxc framings") { input, output, to, config, progress };
        cmd.SetAction(async (parse, ct) =>
        {
            StreamFraming target = Enum.Parse<StreamFraming>(parse.GetValue(to)!, ignoreCase: true);
            FileInfo? cfg = parse.GetValue(config);
            XlSaveHeader? xl = cfg is null ? null : XlSaveHeader.WithJsonConfig(await File.ReadAllTextAsync(cfg.FullName, ct).ConfigureAwait(false));
            string outPath = parse.GetValue(output)!;
            (PipeReader reader, long length, System.IO.Stream inStream) = InputFile.Open(parse.GetValue(input)!);
            (PipeWriter writer, System.IO.Stream outStream) = InputFile.Create(outPath);
            ProgressBar? bar = ProgressBar.For(length, parse.GetValue(progress));
            try
            {
                ConversionResult r = await MigrationConverter.ConvertAsync(reader, writer, target,
                    new ConversionOptions { XlHeader = xl, Progress = bar }, ct).ConfigureAwait(false);
                await writer.CompleteAsync().ConfigureAwait(false);
                bar?.Finish();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"converted {r.BytesRead} octets ({r.Items} items) to {target} framing{(r.DroppedLibxlRecords > 0 ? $", dropped {r.DroppedLibxlRecords} libxl records" : "")}"));
                return 0;
            }
            catch (MigrationFormatException e)
            {
                bar?.Finish();
                Console.Error.WriteLine("INVALID: " + e.Message);
                await writer.CompleteAsync().ConfigureAwait(false);
                if (outPath != "-") { await outStream.DisposeAsync().ConfigureAwait(false); File.Delete(outPath); }
                return 1;
            }
            finally
            {
                await outStream.DisposeAsync().ConfigureAwait(false);
                await inStream.DisposeAsync().ConfigureAwait(false);
            }
        });
        return cmd;
    }
}
