// Why: an in-memory "file" for the encode benchmark: GetSpan hands out the rest of one large
// preallocated array, so the benchmark measures the writer and not a growing buffer.
using System.Buffers;

namespace Xen.Migration.Benchmarks;

public sealed class FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
{
    public int Written { get; private set; }

    public void Reset() => Written = 0;

    public void Advance(int count) => Written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => buffer.AsMemory(Written);

    public Span<byte> GetSpan(int sizeHint = 0) => buffer.AsSpan(Written);
}
