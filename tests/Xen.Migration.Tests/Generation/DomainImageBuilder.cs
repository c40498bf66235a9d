// Why: builds valid PV, HVM and PVH-like images in any framing, following the record order Xen's
// savers use (libxc-migration-stream.pandoc "Layout"): static data, STATIC_DATA_END (v3), then per
// checkpoint: memory, TSC, shared info / HVM params+context, vCPU state; libxl emulator records
// between checkpoints and after libxc END.
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Streaming;
using Xen.Migration.Xl;

namespace Xen.Migration.Tests.Generation;

public static class DomainImageBuilder
{
    private const int PageSize = 4096;

    public static MigrationImage Build(DomainSpec spec)
    {
        var rng = new Random(spec.Seed);
        var records = new List<MigrationRecord>();
        bool libxl = spec.Framing != StreamFraming.Libxc;
        bool pv = spec.Kind == DomainKind.Pv;
        bool emulator = spec.Kind == DomainKind.Hvm;
        if (libxl) records.Add(new LibxlEmptyRecord(LibxlRecordType.LibxcContext));

        if (spec.Version >= 3)
        {
            records.Add(new X86CpuidPolicyRecord([new CpuidLeaf(0, CpuidLeaf.NoSubleaf, 0xd, 0x756e6547, 0x6c65746e, 0x49656e69),
                new CpuidLeaf(7, 0, 0, (uint)rng.Next(), 0, 0)]));
            records.Add(new X86MsrPolicyRecord([new MsrEntry(0xce, 0, (ulong)rng.NextInt64())]));
        }
        ulong maxPfn = (ulong)Math.Max(spec.Pages * 2, 16);
        if (pv) records.Add(new X86PvInfoRecord(8, 4));
        if (spec.Version >= 3) records.Add(new EmptyRecord(LibxcRecordType.StaticDataEnd));
        if (pv)
        {
            long frames = X86PvP2mFramesRecord.FrameCount(0, (uint)maxPfn, 8, PageSize);
            records.Add(new X86PvP2mFramesRecord(0, (uint)maxPfn, Enumerable.Range(0, (int)frames).Select(i => (ulong)(maxPfn + 1 + (ulong)i)).ToArray()));
        }
        if (spec.Extras) records.Add(new BlobRecord((LibxcRecordType)0x8000_1234u, Bytes(rng, 13)));

        for (int epoch = 0; epoch <= spec.Checkpoints; epoch++)
        {
            int pages = epoch == 0 ? spec.Pages : Math.Max(1, spec.Pages / 3);
            AddPages(records, rng, pages, maxPfn, pv, spec.Extras && epoch == 0);
            records.Add(new X86TscInfoRecord(0, 2_000_000, (ulong)rng.NextInt64(1, long.MaxValue), (uint)epoch));
            if (pv)
            {
                records.Add(new BlobRecord(LibxcRecordType.SharedInfo, Bytes(rng, PageSize)));
                for (uint v = 0; v < spec.Vcpus; v++)
                {
                    records.Add(new X86PvVcpuRecord(LibxcRecordType.X86PvVcpuBasic, v, Bytes(rng, 5168)));
                    records.Add(new X86PvVcpuRecord(LibxcRecordType.X86PvVcpuExtended, v, Bytes(rng, 128)));
                    records.Add(new X86PvVcpuRecord(LibxcRecordType.X86PvVcpuXsave, v, Bytes(rng, 1 + rng.Next(900))));
                    records.Add(new X86PvVcpuRecord(LibxcRecordType.X86PvVcpuMsrs, v, Bytes(rng, 16 * rng.Next(0, 4))));
                }
            }
            else
            {
                records.Add(new HvmParamsRecord([new HvmParam(2, (ulong)rng.Next(1 << 20)), new HvmParam(12, 1), new HvmParam(27, (ulong)spec.Vcpus)]));
                records.Add(new BlobRecord(LibxcRecordType.HvmContext, Bytes(rng, 1 + rng.Next(64 + 1024 * spec.Vcpus))));
            }
            if (epoch < spec.Checkpoints)
            {
                records.Add(new EmptyRecord(LibxcRecordType.Checkpoint));
                if (libxl)
                {
                    if (emulator) records.Add(new EmulatorRecord(LibxlRecordType.EmulatorContext, EmulatorId.QemuUpstream, 0, Bytes(rng, 1 + rng.Next(300))));
                    if (spec.Extras) records.Add(new CheckpointStateRecord(CheckpointStateId.SvmReady));
                    records.Add(new LibxlEmptyRecord(LibxlRecordType.CheckpointEnd));
                }
            }
        }
        records.Add(new EmptyRecord(LibxcRecordType.End));
        if (libxl)
        {
            if (emulator)
            {
                records.Add(new EmulatorRecord(LibxlRecordType.EmulatorXenstoreData, EmulatorId.QemuUpstream, 0,
                    EmulatorRecord.EncodePairs([new("physmap/f0000000/size", "800000"), new("physmap/f0000000/name", "vga.vram")])));
                records.Add(new EmulatorRecord(LibxlRecordType.EmulatorContext, EmulatorId.QemuUpstream, 0, Bytes(rng, 1 + rng.Next(2000))));
            }
            records.Add(new LibxlEmptyRecord(LibxlRecordType.End));
        }

        return new MigrationImage
        {
            Framing = spec.Framing,
            XlHeader = spec.Framing == StreamFraming.Xl
                ? XlSaveHeader.WithJsonConfig($"{{\"c_info\":{{\"type\":\"{spec.Kind.ToString().ToLowerInvariant()}\",\"name\":\"guest{spec.Seed}\"}}}}", spec.BigEndian)
                : null,
            LibxlHeader = libxl ? new LibxlHeader(spec.BigEndian) : null,
            ImageHeader = new ImageHeader(spec.Version, spec.BigEndian),
            DomainHeader = new DomainHeader(spec.Kind switch { DomainKind.Pv => DomainType.X86Pv, DomainKind.Hvm => DomainType.X86Hvm, _ => DomainType.X86Pvh }, 12, 4, 7),
            Records = records,
        };
    }

    private static void AddPages(List<MigrationRecord> records, Random rng, int pages, ulong maxPfn, bool pv, bool extras)
    {
        var pfns = Enumerable.Range(0, (int)maxPfn + 1).Select(i => (ulong)i).OrderBy(_ => rng.Next()).Take(pages).ToArray();
        for (int at = 0; at < pfns.Length;)
        {
            int n = Math.Min(pfns.Length - at, 1 + rng.Next(12));
            var entries = new ulong[n];
            int withData = 0;
            for (int i = 0; i < n; i++)
            {
                PageType t = RandomType(rng, pv);
                entries[i] = PfnEntry.Create(pfns[at + i], t);
                if (PfnEntry.HasData(t)) withData++;
            }
            records.Add(new PageDataRecord(entries, Bytes(rng, withData * PageSize)));
            at += n;
        }
        if (extras)
        {
            records.Add(new CheckpointDirtyPfnListRecord(pfns.Take(3).ToArray()));
            records.Add(new BlobRecord(LibxcRecordType.Toolstack, Bytes(rng, 21)));
        }
    }

    private static PageType RandomType(Random rng, bool pv)
    {
        int r = rng.Next(100);
        if (r < 80) return PageType.NoTab;
        if (r < 85) return PageType.XTab;
        if (r < 88) return PageType.XAlloc;
        if (r < 90) return PageType.Broken;
        if (!pv) return PageType.NoTab;
        PageType[] tables = [PageType.L1Tab, PageType.L2Tab, PageType.L3Tab, PageType.L4Tab, PageType.L1TabPin, PageType.L2TabPin, PageType.L3TabPin, PageType.L4TabPin];
        return tables[rng.Next(tables.Length)];
    }

    private static byte[] Bytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
