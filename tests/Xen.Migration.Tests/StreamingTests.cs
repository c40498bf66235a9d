// Why: the streaming promises — cancellation is honoured, page data reaches the caller without a
// copy, and memory stays bounded while a large domain streams through a pipe.
using System.Buffers;
using System.IO.Pipelines;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;

namespace Xen.Migration.Tests;

/// <summary>Allocation is measured process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(StreamingTests), DisableParallelization = true)]
public sealed class StreamingCollection;

[Collection(nameof(StreamingTests))]
public sealed class StreamingTests
{
    [Fact]
    public async Task CancellationStopsAWaitingRead()
    {
        var pipe = new Pipe();
        byte[] head = TestStreams.Encode(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 2, 0, 1));
        await pipe.Writer.WriteAsync(head.AsMemory(0, 40)); // headers only; the reader then waits
        var reader = new MigrationStreamReader(pipe.Reader);
        Assert.True(await reader.MoveNextAsync());
        Assert.True(await reader.MoveNextAsync());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.MoveNextAsync(cts.Token));
    }

    [Fact]
    public async Task PageDataIsASliceOfTheInput()
    {
        var spec = new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 8, 0, 2);
        byte[] bytes = TestStreams.Encode(spec);
        var reader = new MigrationStreamReader(PipeReader.Create(new ReadOnlySequence<byte>(bytes)));
        int seen = 0;
        while (await reader.MoveNextAsync())
        {
            if (reader.Current.Kind != MigrationItemKind.LibxcRecord || reader.Current.RecordType != (uint)LibxcRecordType.PageData) continue;
            var view = new PageDataView(reader.Current.Body, false);
            ReadOnlyMemory<byte> pages = view.Pages.First;
            if (pages.IsEmpty) continue;
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pages, out ArraySegment<byte> seg));
            Assert.Same(bytes, seg.Array); // zero-copy: the body points into the caller's buffer
            seen++;
        }
        Assert.True(seen > 0);
    }

    [Fact]
    public async Task MemoryStaysBoundedForALargeDomain()
    {
        // 128 MiB of pages streamed through a pipe: allocations must not grow with the domain.
        const int records = 32, pagesPerRecord = 1024;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        byte[] guestPages = new byte[pagesPerRecord * 4096];
        ulong[] entries = new ulong[pagesPerRecord];
        Task producer = Task.Run(async () =>
        {
            var w = new LibxcWriter(pipe.Writer);
            w.WriteHeaders(new ImageHeader(3, false), new DomainHeader(DomainType.X86Hvm, 12, 4, 7));
            w.WriteRecord(new EmptyRecord(LibxcRecordType.StaticDataEnd));
            for (int r = 0; r < records; r++)
            {
                for (int i = 0; i < pagesPerRecord; i++) entries[i] = PfnEntry.Create((ulong)(r * pagesPerRecord + i), PageType.NoTab);
                w.WritePageData(entries, guestPages);
                await pipe.Writer.FlushAsync();
            }
            w.WriteRecord(new EmptyRecord(LibxcRecordType.End));
            await pipe.Writer.CompleteAsync();
        });
        long total = GC.GetTotalAllocatedBytes(precise: true);
        var reader = new MigrationStreamReader(pipe.Reader);
        while (await reader.MoveNextAsync()) { }
        await producer;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - total;
        Assert.Equal((long)records * pagesPerRecord, reader.PagesSeen);
        Assert.True(allocated < 48L << 20, $"allocated {allocated >> 20} MiB for 128 MiB of pages");
    }
}
