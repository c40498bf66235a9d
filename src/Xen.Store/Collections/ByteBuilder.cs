// Why: replies are assembled from paths, values and NUL separators; this growable byte buffer does it
// without string formatting or System.Text (neither is wanted on the bare-metal hot path).
namespace Xen.Store.Collections;

/// <summary>A growable byte buffer for building payloads.</summary>
internal sealed class ByteBuilder
{
    private byte[] _buffer;
    private int _length;

    public ByteBuilder(int capacity = 256) => _buffer = new byte[capacity];

    public int Length => _length;

    public ReadOnlySpan<byte> Span => new(_buffer, 0, _length);

    public void Clear() => _length = 0;

    public void Append(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(new Span<byte>(_buffer, _length, bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Appends an ASCII string (callers only pass validated paths and names).</summary>
    public void AppendAscii(string text)
    {
        Ensure(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            _buffer[_length++] = (byte)text[i];
        }
    }

    public void AppendDecimal(ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);

        Ensure(n);
        while (n > 0)
        {
            _buffer[_length++] = digits[--n];
        }
    }

    public byte[] ToArray() => Span.ToArray();

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            int size = _buffer.Length * 2;
            while (size < _length + extra)
            {
                size *= 2;
            }

            byte[] bigger = new byte[size];
            Array.Copy(_buffer, bigger, _length);
            _buffer = bigger;
        }
    }
}
