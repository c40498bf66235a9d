// Why: dump prints the same items in two formats; the command drives either sink the same way.
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;

namespace Xen.Stream.Cli.Output;

/// <summary>Receives dumped items.</summary>
internal interface IDumpSink
{
    void Begin(string source, StreamFraming framing);

    void Item(in MigrationItem item, DomainHeader? domain);

    void End(long bytes, long records, long pages, long checkpoints);

    void Error(string message);
}
