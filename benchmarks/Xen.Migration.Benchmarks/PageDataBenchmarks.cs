// Why: the throughput promise of the migration stream code: encoding and decoding 1 GiB of page
// data must run at no less than half the speed of a plain memory copy of the same bytes.
//  - MemoryCopy: 1 GiB guest memory -> 1 GiB destination (the floor of any save or restore).
//  - Encode: guest memory -> libxc stream (headers, STATIC_DATA_END, 256 PAGE_DATA records of
//    1024 pages, END) in memory, through LibxcWriter.
//  - Decode: stream in memory -> validating MigrationStreamReader -> pages copied to their PFNs in a
//    1 GiB destination (what a restore does), through PageDataView without intermediate copies.
using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;

namespace Xen.Migration.Benchmarks;

[MemoryDiagnoser]
public class PageDataBenchmarks
{
    public const long GuestBytes = 1L << 30;
    private const int PageSize = 4096, PagesPerRecord = 1024;
    private const int Records = (int)(GuestBytes / PageSize / PagesPerRecord);

    private byte[] _guest = [];
    private byte[] _restored = [];
    private byte[] _stream = [];
    private FixedBufferWriter _out = null!;
    private readonly ulong[] _entries = new ulong[PagesPerRecord];

    [GlobalSetup]
    public void Setup()
    {
        _guest = GC.AllocateUninitializedArray<byte>((int)GuestBytes, pinned: true);
        new Random(1).NextBytes(_guest);
        _restored = GC.AllocateUninitializedArray<byte>((int)GuestBytes, pinned: true);
        _stream = GC.AllocateUninitializedArray<byte>((int)(GuestBytes + Records * (8 + 8 + 8 * PagesPerRecord) + 256), pinned: true);
        _out = new FixedBufferWriter(_stream);
        Encode();
        _stream = _stream[.._out.Written];
        _out = new FixedBufferWriter(GC.AllocateUninitializedArray<byte>(_stream.Length, pinned: true));
    }

    [Benchmark(Baseline = true)]
    public void MemoryCopy() => _guest.AsSpan().CopyTo(_restored);

    [Benchmark]
    public int Encode()
    {
        _out.Reset();
        var w = new LibxcWriter(_out);
        w.WriteHeaders(new ImageHeader(3, false), new DomainHeader(DomainType.X86Hvm, 12, 4, 7));
        w.WriteRecord(new EmptyRecord(LibxcRecordType.StaticDataEnd));
        for (int r = 0; r < Records; r++)
        {
            ulong first = (ulong)r * PagesPerRecord;
            for (int i = 0; i < PagesPerRecord; i++) _entries[i] = PfnEntry.Create(first + (ulong)i, PageType.NoTab);
            w.WritePageData(_entries, _guest.AsSpan((int)(first * PageSize), PagesPerRecord * PageSize));
        }
        w.WriteRecord(new EmptyRecord(LibxcRecordType.End));
        return _out.Written;
    }

    [Benchmark]
    public async Task<long> Decode()
    {
        var reader = new MigrationStreamReader(PipeReader.Create(new ReadOnlySequence<byte>(_stream)));
        while (await reader.MoveNextAsync())
        {
            MigrationItem item = reader.Current;
            if (item.Kind != MigrationItemKind.LibxcRecord || item.RecordType != (uint)LibxcRecordType.PageData) continue;
            var view = new PageDataView(item.Body, item.BigEndian, PageSize);
            view.CopyEntriesTo(_entries);
            CopyPages(view, _entries, _restored);
        }
        return reader.PagesSeen;
    }

    private static void CopyPages(in PageDataView view, ulong[] entries, byte[] guest)
    {
        ReadOnlySequence<byte> pages = view.Pages;
        ReadOnlySpan<byte> data = pages.IsSingleSegment ? pages.FirstSpan : pages.ToArray();
        int k = 0;
        for (int i = 0; i < view.Count; i++)
        {
            if (!PfnEntry.HasData(PfnEntry.Type(entries[i]))) continue;
            long pfn = (long)PfnEntry.Pfn(entries[i]);
            data.Slice(k++ * PageSize, PageSize).CopyTo(guest.AsSpan((int)(pfn * PageSize), PageSize));
        }
    }
}
