// Why: the one function both fuzzers drive. It reads a whole input with the streaming reader and
// decodes every record it accepts (typed model and PageDataView), so a body the validator lets
// through but the decoder cannot handle shows up as a crash. The only exception allowed out of the
// library for bad input is MigrationFormatException; anything else is a bug.
using System.Buffers;
using System.IO.Pipelines;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Streaming;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests.Fuzzing;

public static class FuzzTarget
{
    /// <summary>Returns null for a valid input, else the rule it broke. Any other exception escapes.</summary>
    public static MigrationRule? Run(ReadOnlyMemory<byte> data)
    {
        var reader = new MigrationStreamReader(PipeReader.Create(new ReadOnlySequence<byte>(data)));
        try
        {
            // Over an in-memory sequence every read completes synchronously.
            while (Sync(reader.MoveNextAsync()))
            {
                MigrationItem item = reader.Current;
                if (item.Kind == MigrationItemKind.LibxcRecord)
                {
                    _ = LibxcRecordCodec.Decode(item.RecordType, item.Body, item.BigEndian);
                    if (item.RecordType == (uint)LibxcRecordType.PageData)
                    {
                        var view = new PageDataView(item.Body, item.BigEndian, reader.DomainHeader!.PageSize);
                        var entries = new ulong[view.Count];
                        view.CopyEntriesTo(entries);
                        long withData = entries.Count(e => PfnEntry.HasData(PfnEntry.Type(e)));
                        if (view.Pages.Length != withData * view.PageSize) throw new InvalidOperationException("validator accepted a PAGE_DATA body of the wrong size");
                    }
                }
                else if (item.Kind == MigrationItemKind.LibxlRecord)
                {
                    LibxlRecord r = LibxlRecordCodec.Decode(item.RecordType, item.Body, item.BigEndian);
                    if (r is EmulatorRecord { Type: LibxlRecordType.EmulatorXenstoreData } e) _ = e.GetPairs();
                }
            }
            return null;
        }
        catch (MigrationFormatException e)
        {
            return e.Rule;
        }
    }

    private static bool Sync(ValueTask<bool> t)
    {
        if (!t.IsCompleted) throw new InvalidOperationException("reader blocked on an in-memory input");
        return t.GetAwaiter().GetResult();
    }
}
