// Why: bodies that straddle buffer segments take different code paths (SequenceReader, CopyTo)
// from contiguous ones. The reader's verdict, items and decoded records must not depend on how the
// input happens to be split, for valid and for mutated streams alike.
using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Fuzzing;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests;

public sealed class ChunkingTests
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private static ReadOnlySequence<byte> Split(byte[] data, Random rng, int maxChunk)
    {
        if (data.Length == 0) return ReadOnlySequence<byte>.Empty;
        int first = Math.Min(data.Length, 1 + rng.Next(maxChunk));
        var head = new Segment(data.AsMemory(0, first), 0);
        Segment tail = head;
        for (int at = first; at < data.Length;)
        {
            int n = Math.Min(data.Length - at, 1 + rng.Next(maxChunk));
            tail = tail.Append(data.AsMemory(at, n));
            at += n;
        }
        return new ReadOnlySequence<byte>(head, 0, tail, tail.Memory.Length);
    }

    /// <summary>A transcript of what the reader saw: items with body hashes and PFN entries, then the verdict.</summary>
    private static async Task<List<string>> TranscriptAsync(ReadOnlySequence<byte> input)
    {
        var lines = new List<string>();
        var reader = new MigrationStreamReader(PipeReader.Create(input));
        try
        {
            while (await reader.MoveNextAsync())
            {
                MigrationItem i = reader.Current;
                string line = $"{i.Offset} {i.Kind} {i.RecordType:x} {i.Length} {Convert.ToHexString(SHA256.HashData(i.Body.ToArray()))}";
                if (i.Kind == MigrationItemKind.LibxcRecord && i.RecordType == (uint)LibxcRecordType.PageData)
                {
                    var view = new PageDataView(i.Body, i.BigEndian);
                    var entries = new ulong[view.Count];
                    view.CopyEntriesTo(entries);
                    line += " " + string.Join(",", entries);
                }
                lines.Add(line);
            }
            lines.Add("valid");
        }
        catch (MigrationFormatException e)
        {
            lines.Add(e.Message);
        }
        return lines;
    }

    [Theory]
    [InlineData(DomainKind.Pv, StreamFraming.Xl, false)]
    [InlineData(DomainKind.Hvm, StreamFraming.Libxl, true)]
    [InlineData(DomainKind.Pvh, StreamFraming.Libxc, false)]
    public async Task SplittingDoesNotChangeTheResult(DomainKind kind, StreamFraming framing, bool bigEndian)
    {
        byte[] valid = TestStreams.Encode(new DomainSpec(kind, framing, bigEndian, 3, 2, 12, 1, 31, Extras: true));
        var mutator = new StreamMutator(99);
        var rng = new Random(5);
        var inputs = new List<byte[]> { valid };
        for (int m = 0; m < 40; m++) inputs.Add(mutator.Mutate(valid));
        foreach (byte[] input in inputs)
        {
            List<string> whole = await TranscriptAsync(new ReadOnlySequence<byte>(input));
            foreach (int maxChunk in new[] { 1, 7, 100, 5000 })
                Assert.Equal(whole, await TranscriptAsync(Split(input, rng, maxChunk)));
        }
    }
}
