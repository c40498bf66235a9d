// Why: EMULATOR_XENSTORE_DATA and EMULATOR_CONTEXT share the emulator sub-header (emulator_id,
// index) followed by data: packed NUL-terminated key/value pairs, or an opaque emulator blob.
using System;
using System.Collections.Generic;
using System.Text;

namespace Xen.Migration.Libxl;

/// <summary>An EMULATOR_XENSTORE_DATA or EMULATOR_CONTEXT record.</summary>
public sealed class EmulatorRecord : LibxlRecord
{
    /// <summary>Creates the record.</summary>
    public EmulatorRecord(LibxlRecordType type, EmulatorId emulator, uint index, ReadOnlyMemory<byte> data)
    {
        if (type is not (LibxlRecordType.EmulatorXenstoreData or LibxlRecordType.EmulatorContext))
            throw new ArgumentOutOfRangeException(nameof(type), type, "not an emulator record");
        Type = type;
        Emulator = emulator;
        Index = index;
        Data = data;
    }

    /// <inheritdoc />
    public override LibxlRecordType Type { get; }

    /// <summary>Which emulator.</summary>
    public EmulatorId Emulator { get; }

    /// <summary>Index of this emulator for the domain.</summary>
    public uint Index { get; }

    /// <summary>Key/value data or the context blob.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Encodes key/value pairs as a packed sequence of NUL-terminated strings.</summary>
    public static byte[] EncodePairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sb = new StringBuilder();
        foreach (KeyValuePair<string, string> kv in pairs) sb.Append(kv.Key).Append('\0').Append(kv.Value).Append('\0');
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>Decodes the pairs of an EMULATOR_XENSTORE_DATA record (data already validated).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetPairs()
    {
        var list = new List<KeyValuePair<string, string>>();
        ReadOnlySpan<byte> s = Data.Span;
        while (!s.IsEmpty)
        {
            int k = s.IndexOf((byte)0);
            if (k < 0) break;
            int v = s[(k + 1)..].IndexOf((byte)0);
            if (v < 0) break;
            list.Add(new(Encoding.Latin1.GetString(s[..k]), Encoding.Latin1.GetString(s.Slice(k + 1, v))));
            s = s[(k + 1 + v + 1)..];
        }
        return list;
    }
}
