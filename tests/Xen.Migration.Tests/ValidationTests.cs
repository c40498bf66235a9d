// Why: every rule of the formats is enforced with the right rule, offset and record index, and
// every rule has at least one case.
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string> CaseNames => new(ValidationCases.All.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BrokenRuleIsReported(string name)
    {
        ValidationCases.Case c = ValidationCases.All[name];
        MigrationFormatException? e = await c.Run();
        Assert.NotNull(e);
        Assert.Equal(c.Rule, e.Rule);
        Assert.Contains(c.Rule.ToString(), e.Message);
    }

    [Fact]
    public void EveryRuleHasACase()
    {
        var covered = ValidationCases.All.Values.Select(c => c.Rule).ToHashSet();
        string[] missing = Enum.GetValues<MigrationRule>().Where(r => !covered.Contains(r)).Select(r => r.ToString()).ToArray();
        Assert.True(missing.Length == 0, "rules without a case: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task ErrorNamesOffsetAndRecordIndex()
    {
        var spec = new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 4, 0, 7);
        var dup = new PageDataRecord([PfnEntry.Create(9, PageType.XTab), PfnEntry.Create(9, PageType.XTab)], ReadOnlyMemory<byte>.Empty);
        byte[] bytes = ValidationCases.Image(spec, new EmptyRecord(LibxcRecordType.StaticDataEnd), dup);
        MigrationFormatException? e = await TestStreams.ErrorOfAsync(bytes);
        Assert.NotNull(e);
        Assert.Equal(MigrationRule.DuplicatePfn, e.Rule);
        Assert.Equal(1, e.RecordIndex);
        Assert.Equal(ImageHeader.Size + DomainHeader.Size + 8, e.Offset);
        Assert.Equal("libxc", e.Layer);
        Assert.StartsWith("offset 0x30 (libxc record #1): DuplicatePfn", e.Message);
    }

    [Fact]
    public async Task LengthIsCheckedBeforeReading()
    {
        // A 2 GiB record length in a 60-octet stream: rejected from the header, never awaited.
        byte[] bytes = ValidationCases.Image(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 1, 0, 1),
            new EmptyRecord(LibxcRecordType.StaticDataEnd));
        bytes[44] = 0xF0; bytes[45] = 0xFF; bytes[46] = 0xFF; bytes[47] = 0x7F;
        MigrationFormatException? e = await TestStreams.ErrorOfAsync(bytes);
        Assert.Equal(MigrationRule.RecordTooLong, e?.Rule);
    }

    [Fact]
    public async Task LenientModeIgnoresReservedFields()
    {
        byte[] bytes = ValidationCases.Patch(ValidationCases.Valid(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 4, 0, 7)), 16, 0x80);
        Assert.Null(await TestStreams.ErrorOfAsync(bytes, MigrationLimits.Default with { RejectNonZeroReserved = false }));
    }

    [Fact]
    public async Task OptionalUnknownRecordsAndErrataAreAccepted()
    {
        var spec = new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 4, 0, 7);
        byte[] bytes = ValidationCases.Image(spec, new EmptyRecord(LibxcRecordType.StaticDataEnd),
            new BlobRecord((LibxcRecordType)0x8765_4321u, new byte[5]), new BlobRecord(LibxcRecordType.HvmParams, ReadOnlyMemory<byte>.Empty),
            new HvmParamsRecord([new HvmParam(1, 1)]), new BlobRecord(LibxcRecordType.HvmContext, new byte[3]), new EmptyRecord(LibxcRecordType.End));
        Assert.Null(await TestStreams.ErrorOfAsync(bytes));
    }

    [Fact]
    public async Task Version2InfersStaticDataEnd()
    {
        var spec = new DomainSpec(DomainKind.Pv, StreamFraming.Libxc, false, 2, 1, 4, 0, 7);
        byte[] ok = ValidationCases.Image(spec, new X86PvInfoRecord(8, 4), new X86PvP2mFramesRecord(0, 511, [100]), new EmptyRecord(LibxcRecordType.End));
        Assert.Null(await TestStreams.ErrorOfAsync(ok));
        byte[] sde = ValidationCases.Image(spec, new X86PvInfoRecord(8, 4), new EmptyRecord(LibxcRecordType.StaticDataEnd));
        Assert.Equal(MigrationRule.RecordOutOfOrder, (await TestStreams.ErrorOfAsync(sde))?.Rule);
    }
}
