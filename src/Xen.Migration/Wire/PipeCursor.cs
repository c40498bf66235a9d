// Why: the reader consumes a PipeReader in exact-sized pieces while tracking the absolute byte
// offset for error messages. A returned slice stays valid until the next read, which is what lets
// page data flow to the caller without being copied (the pipe's buffer is the only copy).
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Validation;

namespace Xen.Migration.Wire;

/// <summary>Exact-length reads over a <see cref="PipeReader"/> with offset tracking.</summary>
internal sealed class PipeCursor
{
    private readonly PipeReader _reader;
    private ReadOnlySequence<byte> _held;
    private long _heldConsumed;
    private bool _holding;

    public PipeCursor(PipeReader reader) => _reader = reader;

    /// <summary>Absolute offset of the next unread byte.</summary>
    public long Offset { get; private set; }

    /// <summary>Returns the previously read slice to the pipe; the slice becomes invalid.</summary>
    public void Release()
    {
        if (!_holding) return;
        _reader.AdvanceTo(_held.GetPosition(_heldConsumed));
        _holding = false;
        _held = default;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; throws <see cref="MigrationRule.Truncated"/>
    /// naming <paramref name="what"/> if the stream ends first.</summary>
    public async ValueTask<ReadOnlySequence<byte>> ReadExactAsync(
        long count, string layer, long recordIndex, string what, long itemOffset, CancellationToken ct)
    {
        Release();
        if (count == 0) return ReadOnlySequence<byte>.Empty;
        ReadResult r = await _reader.ReadAtLeastAsync(checked((int)count), ct).ConfigureAwait(false);
        if (r.IsCanceled) throw new OperationCanceledException(ct);
        if (r.Buffer.Length < count)
        {
            long have = r.Buffer.Length;
            _reader.AdvanceTo(r.Buffer.Start, r.Buffer.End);
            throw new MigrationFormatException(MigrationRule.Truncated, itemOffset, recordIndex, layer,
                $"stream ended at offset 0x{Offset + have:x} while reading {what}: needed {count} bytes, {have} available");
        }
        _held = r.Buffer;
        _heldConsumed = count;
        _holding = true;
        Offset += count;
        return r.Buffer.Slice(0, count);
    }

    /// <summary>Returns up to <paramref name="count"/> bytes without consuming them (fewer only at end of stream).</summary>
    public async ValueTask<byte[]> PeekAsync(int count, CancellationToken ct)
    {
        Release();
        ReadResult r = await _reader.ReadAtLeastAsync(count, ct).ConfigureAwait(false);
        if (r.IsCanceled) throw new OperationCanceledException(ct);
        ReadOnlySequence<byte> b = r.Buffer;
        byte[] copy = b.Slice(0, Math.Min(b.Length, count)).ToArray();
        // Consume nothing and examine nothing: the next read must return the buffered bytes at once
        // (marking them examined would make a Pipe wait for new data that may never come).
        _reader.AdvanceTo(b.Start);
        return copy;
    }

    /// <summary>True when no byte remains in the stream.</summary>
    public async ValueTask<bool> AtEndAsync(CancellationToken ct) => (await PeekAsync(1, ct).ConfigureAwait(false)).Length == 0;
}
