// Why: PAGE_DATA is the one record whose counts are attacker-controlled and large. The count is
// checked against the limit before anything is sized from it, the body length is checked against
// count and the page types, and PFNs are checked for reserved types, reserved bits, range and
// duplicates using a pooled scratch array bounded by MigrationLimits.MaxPagesPerRecord.
using System;
using System.Buffers;
using Xen.Migration.Libxc;
using Xen.Migration.Wire;

namespace Xen.Migration.Validation;

internal sealed partial class LibxcValidator
{
    private void CheckPageData(in ReadOnlySequence<byte> body)
    {
        if (body.Length < 8) Fail(MigrationRule.BadRecordLength, $"PAGE_DATA body of {body.Length} octets is shorter than its 8-octet header");
        Span<byte> h = stackalloc byte[8];
        body.Slice(0, 8).CopyTo(h);
        uint count = Endian.U32(h, _be);
        if (count == 0) Fail(MigrationRule.BadPageCount, "PAGE_DATA count is 0 (must be > 0)");
        if (count > _limits.MaxPagesPerRecord) Fail(MigrationRule.BadPageCount, $"PAGE_DATA count {count} exceeds the limit {_limits.MaxPagesPerRecord}");
        if (_limits.RejectNonZeroReserved && Endian.U32(h[4..], _be) != 0) Fail(MigrationRule.NonZeroReserved, "PAGE_DATA reserved field is not zero");
        if (body.Length < 8 + 8L * count)
            Fail(MigrationRule.BadRecordLength, $"PAGE_DATA count {count} needs {8 + 8L * count} octets of PFNs, body has {body.Length}");

        ulong[] scratch = ArrayPool<ulong>.Shared.Rent((int)count);
        try
        {
            Span<ulong> pfns = scratch.AsSpan(0, (int)count);
            var reader = new SequenceReader<byte>(body.Slice(8, 8L * count));
            ulong max = MaxPfn;
            long withData = 0;
            for (int i = 0; i < pfns.Length; i++)
            {
                long raw;
                _ = _be ? reader.TryReadBigEndian(out raw) : reader.TryReadLittleEndian(out raw);
                ulong entry = (ulong)raw;
                PageType type = PfnEntry.Type(entry);
                if (!PfnEntry.IsKnownType(type))
                    Fail(MigrationRule.UnknownPageType, $"PFN entry #{i} 0x{entry:x16} has reserved page type 0x{(byte)type:x}");
                if (_limits.RejectNonZeroReserved && (entry & PfnEntry.ReservedMask) != 0)
                    Fail(MigrationRule.NonZeroReserved, $"PFN entry #{i} 0x{entry:x16} sets reserved bits 59-52");
                ulong pfn = PfnEntry.Pfn(entry);
                if (pfn > max) Fail(MigrationRule.PfnOutOfRange, $"PFN entry #{i}: PFN 0x{pfn:x} is above the maximum 0x{max:x}");
                if (PfnEntry.HasData(type)) withData++;
                pfns[i] = pfn;
            }
            long expected = 8 + 8L * count + withData * _pageSize;
            if (body.Length != expected)
                Fail(MigrationRule.BadRecordLength, $"PAGE_DATA with {count} PFNs of which {withData} carry data needs {expected} octets, body has {body.Length}");
            pfns.Sort();
            for (int i = 1; i < pfns.Length; i++)
                if (pfns[i] == pfns[i - 1]) Fail(MigrationRule.DuplicatePfn, $"PFN 0x{pfns[i]:x} appears more than once in one PAGE_DATA record");
            PagesSeen += withData;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }
}
