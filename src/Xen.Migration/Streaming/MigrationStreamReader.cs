// Why: the one streaming entry point for reading any framing (xl save file, libxl stream, bare libxc
// stream). It is a pull reader: each MoveNextAsync validates and yields one header or record, whose
// body is a slice of the pipe's buffer. Memory stays bounded by the largest record allowed by
// MigrationLimits, whatever the size of the domain.
//
// Nesting (libxl-migration-stream.pandoc, libxc "CHECKPOINT"): libxl records until LIBXC_CONTEXT;
// then the libxc stream (headers, records). A libxc CHECKPOINT hands the stream back to libxl, whose
// records run until CHECKPOINT_END, after which libxc records resume. After libxc END, libxl records
// run until libxl END, which must be the last octets of the input.
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Validation;
using Xen.Migration.Wire;
using Xen.Migration.Xl;

namespace Xen.Migration.Streaming;

/// <summary>Streaming, validating reader of migration streams and xl save files.</summary>
public sealed class MigrationStreamReader
{
    private enum State { Start, LibxlHeader, LibxlRecords, ImageHeader, DomainHeader, LibxcRecords, Done, Finished }

    private readonly PipeCursor _cursor;
    private readonly MigrationLimits _limits;
    private State _state = State.Start;
    private LibxcValidator? _libxc;
    private long _libxcIndex, _libxlIndex;
    private bool _libxcStarted, _libxcAtCheckpoint;

    /// <summary>Creates a reader.</summary>
    /// <param name="input">The input; the reader consumes it but does not complete it.</param>
    /// <param name="limits">Limits; <see cref="MigrationLimits.Default"/> when null.</param>
    public MigrationStreamReader(PipeReader input, MigrationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        _cursor = new PipeCursor(input);
        _limits = limits ?? MigrationLimits.Default;
    }

    /// <summary>The framing detected from the first octets (valid after the first item).</summary>
    public StreamFraming Framing { get; private set; }

    /// <summary>The current item (valid after MoveNextAsync returned true).</summary>
    public MigrationItem Current { get; private set; }

    /// <summary>Octets consumed so far.</summary>
    public long BytesConsumed => _cursor.Offset;

    /// <summary>The libxc image header, once read.</summary>
    public ImageHeader? ImageHeader { get; private set; }

    /// <summary>The libxc domain header, once read.</summary>
    public DomainHeader? DomainHeader { get; private set; }

    /// <summary>libxc CHECKPOINT records seen.</summary>
    public long Checkpoints => _libxc?.Checkpoints ?? 0;

    /// <summary>Pages with data seen in PAGE_DATA records.</summary>
    public long PagesSeen => _libxc?.PagesSeen ?? 0;

    /// <summary>Reads and validates the next item. Returns false at the validated end of the input.</summary>
    /// <exception cref="MigrationFormatException">The input breaks a rule of its format.</exception>
    public async ValueTask<bool> MoveNextAsync(CancellationToken ct = default)
    {
        switch (_state)
        {
            case State.Start:
                await DetectAsync(ct).ConfigureAwait(false);
                if (_pendingXl is { } xl)
                {
                    _pendingXl = null;
                    Current = xl;
                    return true;
                }
                return await MoveNextAsync(ct).ConfigureAwait(false);
            case State.LibxlHeader:
            {
                long at = _cursor.Offset;
                ReadOnlySequence<byte> b = await _cursor.ReadExactAsync(LibxlHeader.Size, "libxl", -1, "the libxl header", at, ct).ConfigureAwait(false);
                LibxlHeader h = LibxlHeader.Parse(b.ToArray(), at, _limits);
                _libxlBigEndian = h.BigEndian;
                Current = new MigrationItem(MigrationItemKind.LibxlHeader, at, LibxlHeader.Size, header: h);
                _state = State.LibxlRecords;
                return true;
            }
            case State.ImageHeader:
            {
                long at = _cursor.Offset;
                ReadOnlySequence<byte> b = await _cursor.ReadExactAsync(Libxc.ImageHeader.Size, "libxc", -1, "the image header", at, ct).ConfigureAwait(false);
                ImageHeader = Libxc.ImageHeader.Parse(b.ToArray(), at, _limits);
                Current = new MigrationItem(MigrationItemKind.LibxcImageHeader, at, Libxc.ImageHeader.Size, header: ImageHeader);
                _state = State.DomainHeader;
                return true;
            }
            case State.DomainHeader:
            {
                long at = _cursor.Offset;
                ReadOnlySequence<byte> b = await _cursor.ReadExactAsync(Libxc.DomainHeader.Size, "libxc", -1, "the domain header", at, ct).ConfigureAwait(false);
                DomainHeader = Libxc.DomainHeader.Parse(b.ToArray(), ImageHeader!.BigEndian, at, _limits);
                _libxc = new LibxcValidator(ImageHeader, DomainHeader, _limits);
                Current = new MigrationItem(MigrationItemKind.LibxcDomainHeader, at, Libxc.DomainHeader.Size, bigEndian: ImageHeader.BigEndian, header: DomainHeader);
                _state = State.LibxcRecords;
                return true;
            }
            case State.LibxcRecords:
                await ReadLibxcRecordAsync(ct).ConfigureAwait(false);
                return true;
            case State.LibxlRecords:
                await ReadLibxlRecordAsync(ct).ConfigureAwait(false);
                return true;
            case State.Done:
            {
                long at = _cursor.Offset;
                if (!await _cursor.AtEndAsync(ct).ConfigureAwait(false))
                    throw new MigrationFormatException(MigrationRule.TrailingData, at, -1, Framing == StreamFraming.Libxc ? "libxc" : "libxl",
                        "data follows the final END record");
                _state = State.Finished;
                Current = default;
                return false;
            }
            default:
                return false;
        }
    }

    private bool _libxlBigEndian;

    private async ValueTask DetectAsync(CancellationToken ct)
    {
        byte[] head = await _cursor.PeekAsync(32, ct).ConfigureAwait(false);
        if (head.Length >= 8 && head.AsSpan(0, 8).IndexOfAnyExcept((byte)0xFF) < 0)
        {
            Framing = StreamFraming.Libxc;
            _state = State.ImageHeader;
        }
        else if (head.Length >= 8 && head.AsSpan(0, 8).SequenceEqual("LibxlFmt"u8))
        {
            Framing = StreamFraming.Libxl;
            _state = State.LibxlHeader;
        }
        else if (head.Length >= 32 && head.AsSpan().SequenceEqual(XlSaveHeader.Magic))
        {
            Framing = StreamFraming.Xl;
            await ReadXlHeaderAsync(ct).ConfigureAwait(false);
        }
        else if (head.Length < 32 && XlSaveHeader.Magic.StartsWith(head) || head.Length < 8)
        {
            throw new MigrationFormatException(MigrationRule.Truncated, 0, -1, "xl", $"stream of {head.Length} octets is too short to identify");
        }
        else
        {
            throw new MigrationFormatException(MigrationRule.UnknownFraming, 0, -1, "xl",
                "input starts with neither the xl save-file magic, \"LibxlFmt\", nor the libxc marker");
        }
    }

    private async ValueTask ReadXlHeaderAsync(CancellationToken ct)
    {
        ReadOnlySequence<byte> b = await _cursor.ReadExactAsync(XlSaveHeader.FixedSize, "xl", -1, "the xl header", 0, ct).ConfigureAwait(false);
        (XlSaveHeader fixedPart, uint optLen) = XlSaveHeader.ParseFixed(b.ToArray(), _limits);
        ReadOnlySequence<byte> opt = await _cursor.ReadExactAsync(optLen, "xl", -1, "the xl optional data", 0, ct).ConfigureAwait(false);
        XlSaveHeader h = XlSaveHeader.WithOptionalData(fixedPart, opt.ToArray());
        _pendingXl = new MigrationItem(MigrationItemKind.XlHeader, 0, XlSaveHeader.FixedSize + optLen, bigEndian: h.BigEndian, header: h);
        _state = State.LibxlHeader;
    }

    private MigrationItem? _pendingXl;

    /// <summary>Reads (type, length), checks the length limit, reads body and padding, checks padding.</summary>
    private async ValueTask<(uint Type, ReadOnlySequence<byte> Body, long Offset, long Total)> ReadFrameAsync(
        string layer, long index, bool be, CancellationToken ct)
    {
        long at = _cursor.Offset;
        ReadOnlySequence<byte> hb = await _cursor.ReadExactAsync(RecordFraming.HeaderSize, layer, index, "a record header", at, ct).ConfigureAwait(false);
        Span<byte> h = stackalloc byte[8];
        hb.CopyTo(h);
        uint type = Endian.U32(h, be), length = Endian.U32(h[4..], be);
        // The second bound keeps body + padding representable whatever limit a caller configures.
        if (length > _limits.MaxRecordLength || length > int.MaxValue - RecordFraming.Alignment)
            throw new MigrationFormatException(MigrationRule.RecordTooLong, at, index, layer,
                $"record type 0x{type:x} declares {length} octets, above the limit {_limits.MaxRecordLength}");
        int pad = RecordFraming.PaddingFor(length);
        ReadOnlySequence<byte> all = await _cursor.ReadExactAsync(length + pad, layer, index, $"the {length}-octet body of record type 0x{type:x}", at, ct).ConfigureAwait(false);
        if (pad != 0)
        {
            Span<byte> p = stackalloc byte[8];
            all.Slice(length, pad).CopyTo(p);
            if (p[..pad].IndexOfAnyExcept((byte)0) >= 0)
                throw new MigrationFormatException(MigrationRule.NonZeroPadding, at, index, layer, $"padding after the {length}-octet body is not zero");
        }
        return (type, all.Slice(0, length), at, RecordFraming.HeaderSize + length + pad);
    }

    private async ValueTask ReadLibxcRecordAsync(CancellationToken ct)
    {
        bool be = ImageHeader!.BigEndian;
        long index = _libxcIndex++;
        (uint type, ReadOnlySequence<byte> body, long at, long total) = await ReadFrameAsync("libxc", index, be, ct).ConfigureAwait(false);
        _libxc!.OnRecord(type, body, at, index);
        Current = new MigrationItem(MigrationItemKind.LibxcRecord, at, total, index, type, body, be);
        if (type == (uint)LibxcRecordType.End)
            _state = Framing == StreamFraming.Libxc ? State.Done : State.LibxlRecords;
        else if (type == (uint)LibxcRecordType.Checkpoint && Framing != StreamFraming.Libxc)
        {
            _libxcAtCheckpoint = true;
            _state = State.LibxlRecords;
        }
    }

    private async ValueTask ReadLibxlRecordAsync(CancellationToken ct)
    {
        long index = _libxlIndex++;
        (uint type, ReadOnlySequence<byte> body, long at, long total) = await ReadFrameAsync("libxl", index, _libxlBigEndian, ct).ConfigureAwait(false);
        void Fail(MigrationRule rule, string detail) => throw new MigrationFormatException(rule, at, index, "libxl", detail);
        if (type > (uint)LibxlRecordType.CheckpointState && (type & RecordFraming.OptionalBit) == 0)
            Fail(MigrationRule.UnknownMandatoryRecord, $"unknown mandatory record type 0x{type:x8}");
        if (LibxlBodyChecks.Check(type, body, _libxlBigEndian) is { } bad) Fail(bad.Rule, bad.Detail);
        switch ((LibxlRecordType)type)
        {
            case LibxlRecordType.LibxcContext:
                if (_libxcStarted) Fail(MigrationRule.DuplicateRecord, "second LIBXC_CONTEXT");
                _libxcStarted = true;
                _state = State.ImageHeader;
                break;
            case LibxlRecordType.CheckpointEnd:
                if (!_libxcAtCheckpoint) Fail(MigrationRule.RecordOutOfOrder, "CHECKPOINT_END without a preceding libxc CHECKPOINT");
                _libxcAtCheckpoint = false;
                _state = State.LibxcRecords;
                break;
            case LibxlRecordType.End:
                if (!_libxcStarted) Fail(MigrationRule.MissingRecord, "END before any LIBXC_CONTEXT: the image has no domain");
                if (_libxcAtCheckpoint) Fail(MigrationRule.RecordOutOfOrder, "END inside a checkpoint (CHECKPOINT_END expected)");
                _state = State.Done;
                break;
        }
        Current = new MigrationItem(MigrationItemKind.LibxlRecord, at, total, index, type, body, _libxlBigEndian);
    }
}
