// Why: body encoding and decoding of libxl records; decoding assumes LibxlValidator passed.
using System;
using System.Buffers;
using Xen.Migration.Wire;

namespace Xen.Migration.Libxl;

/// <summary>Body encoding and decoding of libxl records.</summary>
public static class LibxlRecordCodec
{
    /// <summary>Body length of a record.</summary>
    public static long BodyLength(LibxlRecord record) => record switch
    {
        LibxlEmptyRecord => 0,
        EmulatorRecord e => 8 + (long)e.Data.Length,
        CheckpointStateRecord => 4,
        LibxlBlobRecord b => b.Body.Length,
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException($"unsupported record class {record.GetType().Name}", nameof(record)),
    };

    /// <summary>Writes header, body and padding.</summary>
    public static void Write(IBufferWriter<byte> w, LibxlRecord record, bool bigEndian)
    {
        long length = BodyLength(record);
        RecordFraming.WriteHeader(w, record.TypeCode, checked((uint)length), bigEndian);
        switch (record)
        {
            case EmulatorRecord e:
            {
                Span<byte> s = w.GetSpan(8);
                Endian.Put32(s, (uint)e.Emulator, bigEndian);
                Endian.Put32(s[4..], e.Index, bigEndian);
                w.Advance(8);
                RecordFraming.CopyChunked(w, e.Data.Span);
                break;
            }
            case CheckpointStateRecord c:
            {
                Span<byte> s = w.GetSpan(4);
                Endian.Put32(s, (uint)c.State, bigEndian);
                w.Advance(4);
                break;
            }
            case LibxlBlobRecord b:
                RecordFraming.CopyChunked(w, b.Body.Span);
                break;
        }
        RecordFraming.WritePadding(w, length);
    }

    /// <summary>Decodes a validated body.</summary>
    public static LibxlRecord Decode(uint type, in ReadOnlySequence<byte> body, bool bigEndian)
    {
        byte[] b = body.ToArray();
        var t = (LibxlRecordType)type;
        return t switch
        {
            LibxlRecordType.End or LibxlRecordType.LibxcContext or LibxlRecordType.CheckpointEnd => new LibxlEmptyRecord(t),
            LibxlRecordType.EmulatorXenstoreData or LibxlRecordType.EmulatorContext =>
                new EmulatorRecord(t, (EmulatorId)Endian.U32(b, bigEndian), Endian.U32(b.AsSpan(4), bigEndian), b.AsMemory(8)),
            LibxlRecordType.CheckpointState => new CheckpointStateRecord((CheckpointStateId)Endian.U32(b, bigEndian)),
            _ => new LibxlBlobRecord(t, b),
        };
    }
}
