// Why: one malformed input per rule of the formats. Each case starts from a valid image and breaks
// exactly one rule, either by building a wrong record sequence or by patching bytes.
using System.Buffers.Binary;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;
using Xen.Migration.Xl;

namespace Xen.Migration.Tests;

public static class ValidationCases
{
    public sealed record Case(MigrationRule Rule, Func<Task<MigrationFormatException?>> Run);

    private static readonly DomainSpec HvmSpec = new(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 4, 0, 7);
    private static readonly DomainSpec PvSpec = new(DomainKind.Pv, StreamFraming.Libxc, false, 3, 1, 4, 0, 7);

    public static readonly Dictionary<string, Case> All = new()
    {
        ["truncated body"] = new(MigrationRule.Truncated, () => Err(Valid(HvmSpec)[..^5])),
        ["truncated before detection"] = new(MigrationRule.Truncated, () => Err([0xFF, 0xFF, 0xFF])),
        ["unknown framing"] = new(MigrationRule.UnknownFraming, () => Err("this is not a Xen image at all, no"u8.ToArray())),
        ["bad marker after LIBXC_CONTEXT"] = new(MigrationRule.BadMarker, () => Err(Patch(Valid(HvmSpec with { Framing = StreamFraming.Libxl }), 16 + 8 + 3, 0x7F))),
        ["bad image id"] = new(MigrationRule.BadImageId, () => Err(Patch(Valid(HvmSpec), 8, (byte)'Y'))),
        ["libxc version 4"] = new(MigrationRule.UnsupportedVersion, () => Err(Patch(Valid(HvmSpec), 15, 4))),
        ["libxl version 3"] = new(MigrationRule.UnsupportedVersion, () => Err(Patch(Valid(HvmSpec with { Framing = StreamFraming.Libxl }), 11, 3))),
        ["reserved image option bit"] = new(MigrationRule.NonZeroReserved, () => Err(Patch(Valid(HvmSpec), 16, 0x80))),
        ["reserved PFN bits"] = new(MigrationRule.NonZeroReserved, () => Err(Image(HvmSpec, StaticEnd, Page(PfnEntry.Create(3, PageType.NoTab) | (1UL << 55))))),
        ["unknown domain type"] = new(MigrationRule.UnknownDomainType, () => Err(Patch(Valid(HvmSpec), 24, 7))),
        ["page shift 13 on x86"] = new(MigrationRule.BadPageShift, () => Err(Patch(Valid(HvmSpec), 28, 13))),
        ["record length above limit"] = new(MigrationRule.RecordTooLong, () => Err(PatchU32(Valid(HvmSpec), 40 + 4, 0x7FFF_FFF8))),
        ["unknown mandatory record"] = new(MigrationRule.UnknownMandatoryRecord, () => Err(Image(HvmSpec, StaticEnd, new BlobRecord((LibxcRecordType)0x55, new byte[8])))),
        ["unknown mandatory libxl record"] = new(MigrationRule.UnknownMandatoryRecord, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl },
            new LibxlBlobRecord((LibxlRecordType)0x77, new byte[3]), new LibxlEmptyRecord(LibxlRecordType.LibxcContext), StaticEnd))),
        ["non-zero padding"] = new(MigrationRule.NonZeroPadding, async () =>
        {
            byte[] b = Image(HvmSpec, StaticEnd, Params, new BlobRecord(LibxcRecordType.HvmContext, new byte[13]), End);
            var items = await TestStreams.ItemsAsync(b);
            var ctx = items.First(i => i.Type == (uint)LibxcRecordType.HvmContext && i.Kind == MigrationItemKind.LibxcRecord);
            return await Err(Patch(b, (int)(ctx.Offset + 8 + 13 + 1), 0xAA));
        }),
        ["TSC_INFO of 16 octets"] = new(MigrationRule.BadRecordLength, () => Err(Image(HvmSpec, StaticEnd, new BlobRecord(LibxcRecordType.X86TscInfo, new byte[16])))),
        ["PAGE_DATA body shorter than its pages"] = new(MigrationRule.BadRecordLength, () => Err(Image(HvmSpec, StaticEnd,
            new BlobRecord(LibxcRecordType.PageData, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 })))),
        ["HVM_CONTEXT before HVM_PARAMS"] = new(MigrationRule.RecordOutOfOrder, () => Err(Image(HvmSpec, StaticEnd, new BlobRecord(LibxcRecordType.HvmContext, new byte[8]), Params))),
        ["PAGE_DATA after vCPU state"] = new(MigrationRule.RecordOutOfOrder, () => Err(Image(PvSpec, PvInfo, StaticEnd, P2m,
            new X86PvVcpuRecord(LibxcRecordType.X86PvVcpuBasic, 0, new byte[64]), Page(PfnEntry.Create(1, PageType.NoTab))))),
        ["CPUID policy after STATIC_DATA_END"] = new(MigrationRule.RecordOutOfOrder, () => Err(Image(HvmSpec, StaticEnd, new X86CpuidPolicyRecord([new CpuidLeaf(0, 0, 1, 2, 3, 4)])))),
        ["CHECKPOINT_END without CHECKPOINT"] = new(MigrationRule.RecordOutOfOrder, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl },
            new LibxlEmptyRecord(LibxlRecordType.CheckpointEnd)))),
        ["second X86_PV_INFO"] = new(MigrationRule.DuplicateRecord, () => Err(Image(PvSpec, PvInfo, PvInfo, StaticEnd))),
        ["second LIBXC_CONTEXT"] = new(MigrationRule.DuplicateRecord, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl },
            new LibxlEmptyRecord(LibxlRecordType.LibxcContext), StaticEnd, End, new LibxlEmptyRecord(LibxlRecordType.LibxcContext)))),
        ["HVM_PARAMS in a PV stream"] = new(MigrationRule.RecordNotValidForDomain, () => Err(Image(PvSpec, PvInfo, StaticEnd, Params))),
        ["PAGE_DATA before STATIC_DATA_END in v3"] = new(MigrationRule.MissingRecord, () => Err(Image(HvmSpec, Page(PfnEntry.Create(1, PageType.NoTab))))),
        ["libxl END without libxc"] = new(MigrationRule.MissingRecord, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl }, new LibxlEmptyRecord(LibxlRecordType.End)))),
        ["PAGE_DATA count 0"] = new(MigrationRule.BadPageCount, () => Err(Image(HvmSpec, StaticEnd, new BlobRecord(LibxcRecordType.PageData, new byte[8])))),
        ["PAGE_DATA count above limit"] = new(MigrationRule.BadPageCount, () => Err(Image(HvmSpec, StaticEnd,
            Page(PfnEntry.Create(1, PageType.XTab), PfnEntry.Create(2, PageType.XTab), PfnEntry.Create(3, PageType.XTab))), MigrationLimits.Default with { MaxPagesPerRecord = 2 })),
        ["reserved page type 0x5"] = new(MigrationRule.UnknownPageType, () => Err(Image(HvmSpec, StaticEnd,
            new BlobRecord(LibxcRecordType.PageData, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x50 })))),
        ["duplicate PFN"] = new(MigrationRule.DuplicatePfn, () => Err(Image(HvmSpec, StaticEnd, Page(PfnEntry.Create(9, PageType.NoTab), PfnEntry.Create(9, PageType.XTab))))),
        ["PFN beyond the PV P2M"] = new(MigrationRule.PfnOutOfRange, () => Err(Image(PvSpec, PvInfo, StaticEnd, P2m, Page(PfnEntry.Create(0x1000, PageType.NoTab))))),
        ["PFN beyond MaxPfn"] = new(MigrationRule.PfnOutOfRange, () => Err(Image(HvmSpec, StaticEnd, Page(PfnEntry.Create(11, PageType.XTab))), MigrationLimits.Default with { MaxPfn = 10 })),
        ["guest width 5"] = new(MigrationRule.InvalidFieldValue, () => Err(Image(PvSpec, new X86PvInfoRecord(5, 4)))),
        ["reserved emulator id"] = new(MigrationRule.InvalidFieldValue, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl },
            new EmulatorRecord(LibxlRecordType.EmulatorContext, (EmulatorId)9, 0, new byte[4])))),
        ["data after END"] = new(MigrationRule.TrailingData, () => Err([.. Valid(HvmSpec), 0, 0, 0, 0, 0, 0, 0, 0])),
        ["xl magic"] = new(MigrationRule.BadXlMagic, () => Catch(() => XlSaveHeader.ParseFixed(Patch(Valid(HvmSpec with { Framing = StreamFraming.Xl }), 4, (byte)'X'), MigrationLimits.Default))),
        ["xl byte order"] = new(MigrationRule.BadByteOrder, () => Err(Patch(Valid(HvmSpec with { Framing = StreamFraming.Xl }), 32, 9))),
        ["xl unknown mandatory flag"] = new(MigrationRule.UnknownXlFlags, () => Err(Patch(Valid(HvmSpec with { Framing = StreamFraming.Xl }), 36, 0x07))),
        ["xl unknown optional flag"] = new(MigrationRule.UnknownXlFlags, () => Err(Patch(Valid(HvmSpec with { Framing = StreamFraming.Xl }), 40, 0x01))),
        ["xl legacy stream"] = new(MigrationRule.LegacyStreamUnsupported, () => Err(Patch(Valid(HvmSpec with { Framing = StreamFraming.Xl }), 36, 0x01))),
        ["libxl ident"] = new(MigrationRule.BadLibxlIdent, () => Catch(() => LibxlHeader.Parse("LibxlFmX\0\0\0\u0002\0\0\0\0"u8, 0, MigrationLimits.Default))),
        ["xenstore key without value"] = new(MigrationRule.BadXenstoreData, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl },
            new EmulatorRecord(LibxlRecordType.EmulatorXenstoreData, EmulatorId.QemuUpstream, 0, "key\0value\0lonely\0"u8.ToArray())))),
        ["xenstore key with bad characters"] = new(MigrationRule.BadXenstoreData, () => Err(Image(HvmSpec with { Framing = StreamFraming.Libxl },
            new EmulatorRecord(LibxlRecordType.EmulatorXenstoreData, EmulatorId.QemuUpstream, 0, "bad key!\0v\0"u8.ToArray())))),
    };

    private static LibxcRecord StaticEnd => new EmptyRecord(LibxcRecordType.StaticDataEnd);
    private static LibxcRecord End => new EmptyRecord(LibxcRecordType.End);
    private static LibxcRecord PvInfo => new X86PvInfoRecord(8, 4);
    private static LibxcRecord P2m => new X86PvP2mFramesRecord(0, 511, [100]);
    private static LibxcRecord Params => new HvmParamsRecord([new HvmParam(1, 2)]);

    private static LibxcRecord Page(params ulong[] entries) =>
        new PageDataRecord(entries, new byte[4096 * entries.Count(e => PfnEntry.HasData(PfnEntry.Type(e)))]);

    public static byte[] Valid(DomainSpec spec) => TestStreams.Encode(spec);

    /// <summary>An image of the spec's headers with exactly these records (no END appended).</summary>
    public static byte[] Image(DomainSpec spec, params MigrationRecord[] records)
    {
        MigrationImage template = DomainImageBuilder.Build(spec);
        return TestStreams.Encode(new MigrationImage
        {
            Framing = template.Framing,
            XlHeader = template.XlHeader,
            LibxlHeader = template.LibxlHeader,
            ImageHeader = template.ImageHeader,
            DomainHeader = template.DomainHeader,
            Records = records,
        });
    }

    public static byte[] Patch(byte[] bytes, int at, byte value)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] PatchU32(byte[] bytes, int at, uint value)
    {
        byte[] copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private static Task<MigrationFormatException?> Err(byte[] bytes, MigrationLimits? limits = null) => TestStreams.ErrorOfAsync(bytes, limits);

    private static Task<MigrationFormatException?> Catch(Action parse)
    {
        try
        {
            parse();
            return Task.FromResult<MigrationFormatException?>(null);
        }
        catch (MigrationFormatException e)
        {
            return Task.FromResult<MigrationFormatException?>(e);
        }
    }
}
