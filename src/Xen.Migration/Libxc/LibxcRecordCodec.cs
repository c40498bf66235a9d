// Why: turns the typed record model into record bodies and back. Decoding assumes the body already
// passed LibxcValidator (lengths and values checked), so it never reads out of bounds; encoding
// checks the invariants a writer must keep so that a written stream always validates.
using System;
using System.Buffers;
using Xen.Migration.Wire;

namespace Xen.Migration.Libxc;

/// <summary>Body encoding and decoding of libxc records.</summary>
public static class LibxcRecordCodec
{
    /// <summary>Length in octets of the record's body (without header and padding).</summary>
    public static long BodyLength(LibxcRecord record) => record switch
    {
        EmptyRecord => 0,
        PageDataRecord p => 8 + 8L * p.PfnEntries.Length + p.Pages.Length,
        X86PvInfoRecord => 8,
        X86PvP2mFramesRecord f => 8 + 8L * f.P2mPfns.Length,
        X86PvVcpuRecord v => 8 + (long)v.Context.Length,
        X86TscInfoRecord => X86TscInfoRecord.BodySize,
        HvmParamsRecord h => 8 + 16L * h.Parameters.Length,
        CheckpointDirtyPfnListRecord d => 8L * d.Pfns.Length,
        X86CpuidPolicyRecord c => (long)CpuidLeaf.Size * c.Leaves.Length,
        X86MsrPolicyRecord m => (long)MsrEntry.Size * m.Entries.Length,
        BlobRecord b => b.Body.Length,
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException($"unsupported record class {record.GetType().Name}", nameof(record)),
    };

    /// <summary>Writes header, body and padding of <paramref name="record"/>.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="record">The record.</param>
    /// <param name="bigEndian">Byte order of the stream.</param>
    /// <param name="pageSize">Guest page size, to check PAGE_DATA page counts.</param>
    public static void Write(IBufferWriter<byte> w, LibxcRecord record, bool bigEndian, int pageSize = 4096)
    {
        long length = BodyLength(record);
        if (length > uint.MaxValue) throw new ArgumentException("record body longer than 2^32-1 octets", nameof(record));
        if (record is PageDataRecord pd) CheckPageData(pd.PfnEntries, pd.Pages.Length, pageSize);
        RecordFraming.WriteHeader(w, record.TypeCode, (uint)length, bigEndian);
        WriteBody(w, record, bigEndian);
        RecordFraming.WritePadding(w, length);
    }

    /// <summary>Checks that <paramref name="pageBytes"/> is one 4 KiB page per entry with data.</summary>
    internal static void CheckPageData(ReadOnlySpan<ulong> entries, long pageBytes, int pageSize = 4096)
    {
        if (entries.Length == 0) throw new ArgumentException("PAGE_DATA needs at least one PFN");
        long withData = 0;
        foreach (ulong e in entries)
        {
            PageType t = PfnEntry.Type(e);
            if (!PfnEntry.IsKnownType(t)) throw new ArgumentException($"PFN entry 0x{e:x16} has reserved type {(byte)t:x}");
            if (PfnEntry.HasData(t)) withData++;
        }
        if (withData * pageSize != pageBytes)
            throw new ArgumentException($"PAGE_DATA has {withData} pages with data but {pageBytes} octets of page data");
    }

    private static void WriteBody(IBufferWriter<byte> w, LibxcRecord record, bool be)
    {
        switch (record)
        {
            case EmptyRecord:
                return;
            case PageDataRecord p:
                WriteCountHeader(w, (uint)p.PfnEntries.Length, be);
                WriteU64s(w, p.PfnEntries, be);
                RecordFraming.CopyChunked(w, p.Pages.Span);
                return;
            case X86PvInfoRecord i:
            {
                Span<byte> s = w.GetSpan(8);
                s[..8].Clear();
                s[0] = i.GuestWidth;
                s[1] = i.PtLevels;
                w.Advance(8);
                return;
            }
            case X86PvP2mFramesRecord f:
            {
                Span<byte> s = w.GetSpan(8);
                Endian.Put32(s, f.StartPfn, be);
                Endian.Put32(s[4..], f.EndPfn, be);
                w.Advance(8);
                WriteU64s(w, f.P2mPfns, be);
                return;
            }
            case X86PvVcpuRecord v:
                WriteCountHeader(w, v.VcpuId, be);
                RecordFraming.CopyChunked(w, v.Context.Span);
                return;
            case X86TscInfoRecord t:
            {
                Span<byte> s = w.GetSpan(24);
                s[..24].Clear();
                Endian.Put32(s, t.Mode, be);
                Endian.Put32(s[4..], t.Khz, be);
                Endian.Put64(s[8..], t.Nsec, be);
                Endian.Put32(s[16..], t.Incarnation, be);
                w.Advance(24);
                return;
            }
            case HvmParamsRecord h:
                WriteCountHeader(w, (uint)h.Parameters.Length, be);
                foreach (HvmParam param in h.Parameters)
                {
                    Span<byte> s = w.GetSpan(16);
                    Endian.Put64(s, param.Index, be);
                    Endian.Put64(s[8..], param.Value, be);
                    w.Advance(16);
                }
                return;
            case CheckpointDirtyPfnListRecord d:
                WriteU64s(w, d.Pfns, be);
                return;
            case X86CpuidPolicyRecord c:
                foreach (CpuidLeaf l in c.Leaves)
                {
                    Span<byte> s = w.GetSpan(CpuidLeaf.Size);
                    Endian.Put32(s, l.Leaf, be);
                    Endian.Put32(s[4..], l.Subleaf, be);
                    Endian.Put32(s[8..], l.A, be);
                    Endian.Put32(s[12..], l.B, be);
                    Endian.Put32(s[16..], l.C, be);
                    Endian.Put32(s[20..], l.D, be);
                    w.Advance(CpuidLeaf.Size);
                }
                return;
            case X86MsrPolicyRecord m:
                foreach (MsrEntry e in m.Entries)
                {
                    Span<byte> s = w.GetSpan(MsrEntry.Size);
                    Endian.Put32(s, e.Index, be);
                    Endian.Put32(s[4..], e.Flags, be);
                    Endian.Put64(s[8..], e.Value, be);
                    w.Advance(MsrEntry.Size);
                }
                return;
            case BlobRecord b:
                RecordFraming.CopyChunked(w, b.Body.Span);
                return;
        }
    }

    /// <summary>Writes the common "u32 value, u32 reserved" prefix of PAGE_DATA, HVM_PARAMS and vCPU records.</summary>
    internal static void WriteCountHeader(IBufferWriter<byte> w, uint value, bool be)
    {
        Span<byte> s = w.GetSpan(8);
        Endian.Put32(s, value, be);
        Endian.Put32(s[4..], 0, be);
        w.Advance(8);
    }

    internal static void WriteU64s(IBufferWriter<byte> w, ReadOnlySpan<ulong> values, bool be)
    {
        while (!values.IsEmpty)
        {
            Span<byte> s = w.GetSpan(Math.Min(values.Length, 4096) * 8);
            int n = Math.Min(values.Length, s.Length / 8);
            for (int i = 0; i < n; i++) Endian.Put64(s[(i * 8)..], values[i], be);
            w.Advance(n * 8);
            values = values[n..];
        }
    }

    /// <summary>Decodes a validated body into the typed model. Zero-length variable records and
    /// unknown optional records decode to <see cref="BlobRecord"/>.</summary>
    public static LibxcRecord Decode(uint type, in ReadOnlySequence<byte> body, bool bigEndian)
    {
        byte[] bytes = body.ToArray();
        ReadOnlySpan<byte> s = bytes;
        bool be = bigEndian;
        var t = (LibxcRecordType)type;
        switch (t)
        {
            case LibxcRecordType.End or LibxcRecordType.Verify or LibxcRecordType.Checkpoint or LibxcRecordType.StaticDataEnd:
                return new EmptyRecord(t);
            case LibxcRecordType.PageData:
            {
                int count = (int)Endian.U32(s, be);
                ulong[] entries = ReadU64s(s.Slice(8, count * 8), be);
                return new PageDataRecord(entries, bytes.AsMemory(8 + count * 8));
            }
            case LibxcRecordType.X86PvInfo:
                return new X86PvInfoRecord(s[0], s[1]);
            case LibxcRecordType.X86PvP2mFrames:
                return new X86PvP2mFramesRecord(Endian.U32(s, be), Endian.U32(s[4..], be), ReadU64s(s[8..], be));
            case LibxcRecordType.X86PvVcpuBasic or LibxcRecordType.X86PvVcpuExtended
                or LibxcRecordType.X86PvVcpuXsave or LibxcRecordType.X86PvVcpuMsrs when bytes.Length >= 8:
                return new X86PvVcpuRecord(t, Endian.U32(s, be), bytes.AsMemory(8));
            case LibxcRecordType.X86TscInfo:
                return new X86TscInfoRecord(Endian.U32(s, be), Endian.U32(s[4..], be), Endian.U64(s[8..], be), Endian.U32(s[16..], be));
            case LibxcRecordType.HvmParams when bytes.Length >= 8:
            {
                int count = (int)Endian.U32(s, be);
                var p = new HvmParam[count];
                for (int i = 0; i < count; i++)
                    p[i] = new HvmParam(Endian.U64(s[(8 + 16 * i)..], be), Endian.U64(s[(16 + 16 * i)..], be));
                return new HvmParamsRecord(p);
            }
            case LibxcRecordType.CheckpointDirtyPfnList:
                return new CheckpointDirtyPfnListRecord(ReadU64s(s, be));
            case LibxcRecordType.X86CpuidPolicy:
            {
                var leaves = new CpuidLeaf[bytes.Length / CpuidLeaf.Size];
                for (int i = 0; i < leaves.Length; i++)
                {
                    ReadOnlySpan<byte> e = s.Slice(i * CpuidLeaf.Size, CpuidLeaf.Size);
                    leaves[i] = new CpuidLeaf(Endian.U32(e, be), Endian.U32(e[4..], be), Endian.U32(e[8..], be),
                        Endian.U32(e[12..], be), Endian.U32(e[16..], be), Endian.U32(e[20..], be));
                }
                return new X86CpuidPolicyRecord(leaves);
            }
            case LibxcRecordType.X86MsrPolicy:
            {
                var entries = new MsrEntry[bytes.Length / MsrEntry.Size];
                for (int i = 0; i < entries.Length; i++)
                {
                    ReadOnlySpan<byte> e = s.Slice(i * MsrEntry.Size, MsrEntry.Size);
                    entries[i] = new MsrEntry(Endian.U32(e, be), Endian.U32(e[4..], be), Endian.U64(e[8..], be));
                }
                return new X86MsrPolicyRecord(entries);
            }
            default:
                return new BlobRecord(t, bytes);
        }
    }

    private static ulong[] ReadU64s(ReadOnlySpan<byte> s, bool be)
    {
        var r = new ulong[s.Length / 8];
        for (int i = 0; i < r.Length; i++) r[i] = Endian.U64(s[(i * 8)..], be);
        return r;
    }
}
