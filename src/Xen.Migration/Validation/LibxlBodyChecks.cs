// Why: libxl record bodies checked against libxl-migration-stream.pandoc: empty records are empty,
// emulator records carry the 8-octet sub-header with a known emulator, xenstore data is a packed
// sequence of NUL-terminated (key, value) pairs with keys in xenstore's character set
// (alphanumerics and -/_@), and CHECKPOINT_STATE holds one known uint32 state.
using System;
using System.Buffers;
using Xen.Migration.Libxl;
using Xen.Migration.Wire;

namespace Xen.Migration.Validation;

/// <summary>Structural checks of libxl record bodies.</summary>
internal static class LibxlBodyChecks
{
    private static readonly SearchValues<byte> KeyChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/_@"u8);

    /// <summary>Returns null when the body is valid, else the rule and detail.</summary>
    public static (MigrationRule Rule, string Detail)? Check(uint type, in ReadOnlySequence<byte> body, bool be)
    {
        long len = body.Length;
        switch ((LibxlRecordType)type)
        {
            case LibxlRecordType.End or LibxlRecordType.LibxcContext or LibxlRecordType.CheckpointEnd:
                return len == 0 ? null : (MigrationRule.BadRecordLength, $"{LibxlNames.Of(type)} must have an empty body, has {len} octets");
            case LibxlRecordType.EmulatorXenstoreData or LibxlRecordType.EmulatorContext:
            {
                if (len < 8) return (MigrationRule.BadRecordLength, $"{LibxlNames.Of(type)} body of {len} octets is shorter than the 8-octet emulator header");
                Span<byte> h = stackalloc byte[8];
                body.Slice(0, 8).CopyTo(h);
                uint id = Endian.U32(h, be);
                if (id > (uint)EmulatorId.QemuUpstream) return (MigrationRule.InvalidFieldValue, $"emulator_id {id} is reserved");
                if ((LibxlRecordType)type == LibxlRecordType.EmulatorXenstoreData)
                    return CheckXenstore(body.Slice(8));
                return null;
            }
            case LibxlRecordType.CheckpointState:
            {
                if (len != 4) return (MigrationRule.BadRecordLength, $"CHECKPOINT_STATE must be 4 octets, has {len}");
                Span<byte> v = stackalloc byte[4];
                body.CopyTo(v);
                uint state = Endian.U32(v, be);
                return state <= (uint)CheckpointStateId.SvmResumed ? null : (MigrationRule.InvalidFieldValue, $"checkpoint state {state} is not defined");
            }
            default:
                return null;
        }
    }

    private static (MigrationRule, string)? CheckXenstore(in ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty) return null;
        // Bounded by MaxRecordLength, already enforced before the body was read.
        byte[] rented = ArrayPool<byte>.Shared.Rent((int)data.Length);
        try
        {
            Span<byte> s = rented.AsSpan(0, (int)data.Length);
            data.CopyTo(s);
            if (s[^1] != 0) return (MigrationRule.BadXenstoreData, "xenstore data does not end with a NUL");
            int strings = 0;
            while (!s.IsEmpty)
            {
                int nul = s.IndexOf((byte)0);
                ReadOnlySpan<byte> str = s[..nul];
                if (strings % 2 == 0)
                {
                    if (str.IsEmpty) return (MigrationRule.BadXenstoreData, $"xenstore key #{strings / 2} is empty");
                    if (str.IndexOfAnyExcept(KeyChars) >= 0) return (MigrationRule.BadXenstoreData, $"xenstore key #{strings / 2} has characters outside [A-Za-z0-9-/_@]");
                }
                strings++;
                s = s[(nul + 1)..];
            }
            return strings % 2 == 0 ? null : (MigrationRule.BadXenstoreData, "xenstore data has a key without a value");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
