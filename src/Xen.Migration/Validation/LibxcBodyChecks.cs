// Why: per-record body checks for the libxc stream — lengths against each record's layout, field
// values the spec restricts, reserved fields and PFN entries — done on the pipe's buffer without
// materialising the record, so validation of page data costs no copy of the pages.
using System;
using System.Buffers;
using Xen.Migration.Libxc;
using Xen.Migration.Wire;

namespace Xen.Migration.Validation;

/// <summary>Structural checks of libxc record bodies.</summary>
internal sealed partial class LibxcValidator
{
    private void CheckBody(LibxcRecordType type, in ReadOnlySequence<byte> body)
    {
        long len = body.Length;
        switch (type)
        {
            case LibxcRecordType.End or LibxcRecordType.Verify or LibxcRecordType.Checkpoint or LibxcRecordType.StaticDataEnd:
                if (len != 0) Fail(MigrationRule.BadRecordLength, $"{Name(type)} must have an empty body, has {len} octets");
                break;
            case LibxcRecordType.PageData:
                CheckPageData(body);
                break;
            case LibxcRecordType.X86PvInfo:
                CheckPvInfo(body);
                break;
            case LibxcRecordType.X86PvP2mFrames:
                CheckP2mFrames(body);
                break;
            case LibxcRecordType.X86PvVcpuBasic:
                if (len < 8) Fail(MigrationRule.BadRecordLength, $"X86_PV_VCPU_BASIC body of {len} octets is shorter than its 8-octet header");
                CheckReservedU32(body, 4);
                if (len == 8) Fail(MigrationRule.BadRecordLength, "X86_PV_VCPU_BASIC has no context");
                break;
            case LibxcRecordType.X86PvVcpuExtended or LibxcRecordType.X86PvVcpuXsave or LibxcRecordType.X86PvVcpuMsrs:
                // Errata 1: Xen 4.6-4.8 could emit these with zero-length content; tolerate len == 0.
                if (len == 0) break;
                if (len < 8) Fail(MigrationRule.BadRecordLength, $"{Name(type)} body of {len} octets is shorter than its 8-octet header");
                CheckReservedU32(body, 4);
                break;
            case LibxcRecordType.SharedInfo:
                if (len != _pageSize) Fail(MigrationRule.BadRecordLength, $"SHARED_INFO must be exactly one page ({_pageSize} octets), has {len}");
                break;
            case LibxcRecordType.X86TscInfo:
                if (len != X86TscInfoRecord.BodySize) Fail(MigrationRule.BadRecordLength, $"X86_TSC_INFO must be 24 octets, has {len}");
                CheckReservedU32(body, 20);
                break;
            case LibxcRecordType.HvmContext:
                if (len == 0) Fail(MigrationRule.BadRecordLength, "HVM_CONTEXT is empty");
                break;
            case LibxcRecordType.HvmParams:
                CheckHvmParams(body);
                break;
            case LibxcRecordType.CheckpointDirtyPfnList:
                if (len % 8 != 0) Fail(MigrationRule.BadRecordLength, $"CHECKPOINT_DIRTY_PFN_LIST length {len} is not a multiple of 8");
                CheckPfnArray(body, "dirty PFN");
                break;
            case LibxcRecordType.X86CpuidPolicy:
                if (len % CpuidLeaf.Size != 0) Fail(MigrationRule.BadRecordLength, $"X86_CPUID_POLICY length {len} is not a multiple of 24 (xen_cpuid_leaf_t)");
                break;
            case LibxcRecordType.X86MsrPolicy:
                if (len % MsrEntry.Size != 0) Fail(MigrationRule.BadRecordLength, $"X86_MSR_POLICY length {len} is not a multiple of 16 (xen_msr_entry_t)");
                CheckMsrFlags(body);
                break;
        }
    }

    private void CheckPvInfo(in ReadOnlySequence<byte> body)
    {
        if (body.Length != 8) Fail(MigrationRule.BadRecordLength, $"X86_PV_INFO must be 8 octets, has {body.Length}");
        Span<byte> b = stackalloc byte[8];
        body.CopyTo(b);
        if (b[0] is not (4 or 8)) Fail(MigrationRule.InvalidFieldValue, $"guest_width {b[0]} is not 4 or 8");
        if (b[1] is not (3 or 4)) Fail(MigrationRule.InvalidFieldValue, $"pt_levels {b[1]} is not 3 or 4");
        if (_limits.RejectNonZeroReserved && b[2..].IndexOfAnyExcept((byte)0) >= 0)
            Fail(MigrationRule.NonZeroReserved, "X86_PV_INFO reserved octets are not zero");
        _guestWidth = b[0];
    }

    private void CheckP2mFrames(in ReadOnlySequence<byte> body)
    {
        if (body.Length < 8 || body.Length % 8 != 0)
            Fail(MigrationRule.BadRecordLength, $"X86_PV_P2M_FRAMES length {body.Length} is not 8 + 8*n");
        Span<byte> h = stackalloc byte[8];
        body.Slice(0, 8).CopyTo(h);
        uint start = Endian.U32(h, _be), end = Endian.U32(h[4..], _be);
        if (start > end) Fail(MigrationRule.InvalidFieldValue, $"p2m_start_pfn 0x{start:x} is after p2m_end_pfn 0x{end:x}");
        long frames = X86PvP2mFramesRecord.FrameCount(start, end, _guestWidth, _pageSize);
        if ((body.Length - 8) / 8 != frames)
            Fail(MigrationRule.BadRecordLength, $"X86_PV_P2M_FRAMES covers PFNs 0x{start:x}-0x{end:x} which need {frames} frames at guest width {_guestWidth}, record has {(body.Length - 8) / 8}");
        _p2mEndPfn = end;
    }

    private void CheckHvmParams(in ReadOnlySequence<byte> body)
    {
        if (body.Length == 0) return; // errata 1: tolerated
        if (body.Length < 8) Fail(MigrationRule.BadRecordLength, $"HVM_PARAMS body of {body.Length} octets is shorter than its header");
        Span<byte> h = stackalloc byte[8];
        body.Slice(0, 8).CopyTo(h);
        uint count = Endian.U32(h, _be);
        if (body.Length != 8 + 16L * count)
            Fail(MigrationRule.BadRecordLength, $"HVM_PARAMS count {count} needs {8 + 16L * count} octets, body has {body.Length}");
        if (_limits.RejectNonZeroReserved && Endian.U32(h[4..], _be) != 0) Fail(MigrationRule.NonZeroReserved, "HVM_PARAMS reserved field is not zero");
    }

    private void CheckReservedU32(in ReadOnlySequence<byte> body, int at)
    {
        if (!_limits.RejectNonZeroReserved) return;
        Span<byte> r = stackalloc byte[4];
        body.Slice(at, 4).CopyTo(r);
        if (r.IndexOfAnyExcept((byte)0) >= 0) Fail(MigrationRule.NonZeroReserved, $"reserved field at body offset {at} is not zero");
    }

    private void CheckMsrFlags(in ReadOnlySequence<byte> body)
    {
        if (!_limits.RejectNonZeroReserved) return;
        var reader = new SequenceReader<byte>(body);
        Span<byte> e = stackalloc byte[MsrEntry.Size];
        for (int i = 0; reader.TryCopyTo(e); i++, reader.Advance(MsrEntry.Size))
            if (Endian.U32(e[4..], _be) != 0) Fail(MigrationRule.NonZeroReserved, $"xen_msr_entry_t #{i} has non-zero flags (reserved, MBZ)");
    }

    private void CheckPfnArray(in ReadOnlySequence<byte> body, string what)
    {
        var reader = new SequenceReader<byte>(body);
        ulong max = MaxPfn;
        for (int i = 0; ; i++)
        {
            bool ok = _be ? reader.TryReadBigEndian(out long v) : reader.TryReadLittleEndian(out v);
            if (!ok) break;
            if ((ulong)v > max) Fail(MigrationRule.PfnOutOfRange, $"{what} #{i} 0x{(ulong)v:x} is above the maximum 0x{max:x}");
        }
    }

    private ulong MaxPfn => _domain.Type == DomainType.X86Pv && _p2mEndPfn.HasValue
        ? Math.Min(_p2mEndPfn.Value, _limits.MaxPfn)
        : _limits.MaxPfn;
}
