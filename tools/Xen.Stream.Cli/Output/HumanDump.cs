// Why: the human-readable dump: one line per header or record with its offset, layer and index.
using System.Globalization;
using System.IO;
using Xen.Migration;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;

namespace Xen.Stream.Cli.Output;

/// <summary>Writes a line-per-item text dump.</summary>
internal sealed class HumanDump(TextWriter output) : IDumpSink
{
    public void Begin(string source, StreamFraming framing)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{source}: {framing} framing"));
        output.WriteLine("offset      layer  #      item");
    }

    public void Item(in MigrationItem item, DomainHeader? domain)
    {
        (string summary, _) = ItemDescriber.Describe(item, domain);
        string layer = item.Kind switch
        {
            MigrationItemKind.XlHeader => "xl",
            MigrationItemKind.LibxlHeader or MigrationItemKind.LibxlRecord => "libxl",
            _ => "libxc",
        };
        string index = item.RecordIndex < 0 ? "-" : item.RecordIndex.ToString(CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"0x{item.Offset:x8}  {layer,-5}  {index,-5}  {summary}"));
    }

    public void End(long bytes, long records, long pages, long checkpoints) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"valid: {bytes} octets, {records} records, {pages} pages with data, {checkpoints} checkpoints"));

    public void Error(string message) => output.WriteLine("invalid: " + message);
}
