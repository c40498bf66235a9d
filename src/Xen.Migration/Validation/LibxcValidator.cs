// Why: the ordering rules of libxc-migration-stream.pandoc ("Layout", "Stream version 3", errata)
// checked incrementally, one record at a time, in constant memory:
//  - unknown mandatory records fail; unknown optional records (bit 31) are skipped;
//  - PV-only, HVM-only and x86-only records are rejected in the wrong kind of domain;
//  - v3 streams must send STATIC_DATA_END before any memory or register content; static records
//    (X86_PV_INFO, X86_CPUID_POLICY, X86_MSR_POLICY) must come before it. A v2 stream has no such
//    record; its end of static data is inferred at the first X86_PV_P2M_FRAMES (PV) or PAGE_DATA (HVM);
//  - PV: X86_PV_INFO, then X86_PV_P2M_FRAMES, then PAGE_DATA, then vCPU records (per checkpoint);
//  - HVM: HVM_PARAMS precedes HVM_CONTEXT within each checkpoint;
//  - END is final. CHECKPOINT starts the next consistent snapshot.
using System.Buffers;
using Xen.Migration.Libxc;

namespace Xen.Migration.Validation;

/// <summary>Incremental validator of one libxc stream.</summary>
internal sealed partial class LibxcValidator
{
    private readonly ImageHeader _image;
    private readonly DomainHeader _domain;
    private readonly MigrationLimits _limits;
    private readonly bool _be;
    private readonly int _pageSize;
    private long _offset;
    private long _index;
    private bool _staticDataEnded;
    private bool _pvInfoSeen, _cpuidSeen, _msrSeen;
    private bool _p2mSeen;
    private int _guestWidth = 8;
    private ulong? _p2mEndPfn;
    private bool _vcpuSeenInEpoch, _paramsSeenInEpoch, _verifySeenInEpoch;

    public LibxcValidator(ImageHeader image, DomainHeader domain, MigrationLimits limits)
    {
        _image = image;
        _domain = domain;
        _limits = limits;
        _be = image.BigEndian;
        _pageSize = domain.PageSize;
    }

    /// <summary>True once the END record has been seen.</summary>
    public bool Ended { get; private set; }

    /// <summary>Number of CHECKPOINT records seen.</summary>
    public long Checkpoints { get; private set; }

    /// <summary>Number of pages with data seen in PAGE_DATA records.</summary>
    public long PagesSeen { get; private set; }

    /// <summary>Validates one record; throws <see cref="MigrationFormatException"/> on the first broken rule.</summary>
    public void OnRecord(uint type, in ReadOnlySequence<byte> body, long offset, long index)
    {
        _offset = offset;
        _index = index;
        if (Ended) Fail(MigrationRule.RecordOutOfOrder, $"{Name((LibxcRecordType)type)} after END");
        if (type > (uint)LibxcRecordType.X86MsrPolicy)
        {
            if ((type & Wire.RecordFraming.OptionalBit) == 0)
                Fail(MigrationRule.UnknownMandatoryRecord, $"unknown mandatory record type 0x{type:x8}");
            return; // optional: contents may be ignored
        }
        var t = (LibxcRecordType)type;
        CheckDomainKind(t);
        CheckBody(t, body);
        CheckOrder(t);
    }

    private void CheckDomainKind(LibxcRecordType t)
    {
        bool pv = _domain.Type == DomainType.X86Pv;
        bool ok = t switch
        {
            LibxcRecordType.X86PvInfo or LibxcRecordType.X86PvP2mFrames or LibxcRecordType.X86PvVcpuBasic
                or LibxcRecordType.X86PvVcpuExtended or LibxcRecordType.X86PvVcpuXsave or LibxcRecordType.X86PvVcpuMsrs
                or LibxcRecordType.SharedInfo => pv,
            LibxcRecordType.HvmContext or LibxcRecordType.HvmParams => !pv,
            LibxcRecordType.X86TscInfo or LibxcRecordType.X86CpuidPolicy or LibxcRecordType.X86MsrPolicy => _domain.IsX86,
            _ => true,
        };
        if (!ok) Fail(MigrationRule.RecordNotValidForDomain, $"{Name(t)} is not valid in a {_domain.Type} stream");
    }

    private void CheckOrder(LibxcRecordType t)
    {
        bool v3 = _image.Version >= 3;
        switch (t)
        {
            case LibxcRecordType.StaticDataEnd:
                if (!v3) Fail(MigrationRule.RecordOutOfOrder, "STATIC_DATA_END is not part of a version 2 stream");
                if (_staticDataEnded) Fail(MigrationRule.DuplicateRecord, "second STATIC_DATA_END");
                if (_domain.Type == DomainType.X86Pv && !_pvInfoSeen)
                    Fail(MigrationRule.MissingRecord, "STATIC_DATA_END before X86_PV_INFO in a PV stream");
                _staticDataEnded = true;
                return;
            case LibxcRecordType.X86PvInfo:
                Once(ref _pvInfoSeen, t);
                RequireStatic(t);
                return;
            case LibxcRecordType.X86CpuidPolicy:
                Once(ref _cpuidSeen, t);
                RequireStatic(t);
                return;
            case LibxcRecordType.X86MsrPolicy:
                Once(ref _msrSeen, t);
                RequireStatic(t);
                return;
            case LibxcRecordType.Toolstack or LibxcRecordType.CheckpointDirtyPfnList:
                return;
            case LibxcRecordType.X86PvP2mFrames:
                if (!_pvInfoSeen) Fail(MigrationRule.RecordOutOfOrder, "X86_PV_P2M_FRAMES before X86_PV_INFO");
                if (!v3) _staticDataEnded = true;
                RequireDynamic(t);
                _p2mSeen = true;
                return;
            case LibxcRecordType.PageData:
                if (_domain.Type == DomainType.X86Pv && !_p2mSeen) Fail(MigrationRule.RecordOutOfOrder, "PAGE_DATA before X86_PV_P2M_FRAMES");
                if (!v3) _staticDataEnded = true;
                RequireDynamic(t);
                if (_vcpuSeenInEpoch) Fail(MigrationRule.RecordOutOfOrder, "PAGE_DATA after vCPU records in the same checkpoint");
                return;
            case LibxcRecordType.X86PvVcpuBasic or LibxcRecordType.X86PvVcpuExtended
                or LibxcRecordType.X86PvVcpuXsave or LibxcRecordType.X86PvVcpuMsrs:
                RequireDynamic(t);
                if (!_p2mSeen) Fail(MigrationRule.RecordOutOfOrder, $"{Name(t)} before X86_PV_P2M_FRAMES");
                _vcpuSeenInEpoch = true;
                return;
            case LibxcRecordType.HvmParams:
                RequireDynamic(t);
                _paramsSeenInEpoch = true;
                return;
            case LibxcRecordType.HvmContext:
                RequireDynamic(t);
                if (!_paramsSeenInEpoch) Fail(MigrationRule.RecordOutOfOrder, "HVM_CONTEXT before HVM_PARAMS (HVM_PARAMS must precede HVM_CONTEXT)");
                return;
            case LibxcRecordType.Verify:
                RequireDynamic(t);
                Once(ref _verifySeenInEpoch, t);
                return;
            case LibxcRecordType.Checkpoint:
                RequireDynamic(t);
                Checkpoints++;
                _vcpuSeenInEpoch = _paramsSeenInEpoch = _verifySeenInEpoch = false;
                return;
            case LibxcRecordType.End:
                RequireDynamic(t);
                Ended = true;
                return;
            default:
                RequireDynamic(t);
                return;
        }
    }

    private void Once(ref bool seen, LibxcRecordType t)
    {
        if (seen) Fail(MigrationRule.DuplicateRecord, $"second {Name(t)}");
        seen = true;
    }

    private void RequireStatic(LibxcRecordType t)
    {
        if (_staticDataEnded) Fail(MigrationRule.RecordOutOfOrder, $"{Name(t)} is static data but comes after the end of static data");
    }

    private void RequireDynamic(LibxcRecordType t)
    {
        if (_image.Version >= 3 && !_staticDataEnded)
            Fail(MigrationRule.MissingRecord, $"{Name(t)} before STATIC_DATA_END (mandatory in a version 3 stream)");
        _staticDataEnded = true;
    }

    private void Fail(MigrationRule rule, string detail) => throw new MigrationFormatException(rule, _offset, _index, "libxc", detail);

    /// <summary>Spec name of a record type, e.g. "PAGE_DATA".</summary>
    internal static string Name(LibxcRecordType t) => LibxcNames.Of((uint)t);
}
