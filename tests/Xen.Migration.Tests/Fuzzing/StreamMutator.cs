// Why: structure-aware mutations of valid streams. Records are 8-octet aligned with (type, length)
// headers, so besides bit flips and splices the mutator writes interesting 32-bit values at aligned
// offsets — where record types, lengths, counts and PFN fields live — and that reaches far deeper
// into the validator than random bytes would.
namespace Xen.Migration.Tests.Fuzzing;

public sealed class StreamMutator(int seed)
{
    private static readonly uint[] Interesting =
    [
        0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 24, 0x20, 0x7F, 0x80, 0xFF, 0x100, 0x1000, 0x1001, 0xFFF,
        0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFF, 0xFFFF_FFFE, 128u << 20, (128u << 20) + 1, 0x5000_0000, 0xF000_0000,
    ];

    private readonly Random _rng = new(seed);

    public byte[] Mutate(byte[] input)
    {
        List<byte> b = [.. input];
        int n = 1 + _rng.Next(4);
        for (int i = 0; i < n && b.Count > 0; i++) MutateOnce(b);
        return [.. b];
    }

    private void MutateOnce(List<byte> b)
    {
        switch (_rng.Next(8))
        {
            case 0:
            {
                int at = _rng.Next(b.Count);
                b[at] ^= (byte)(1 << _rng.Next(8));
                break;
            }
            case 1:
                b[_rng.Next(b.Count)] = (byte)Interesting[_rng.Next(Interesting.Length)];
                break;
            case 2 or 3:
            {
                // An interesting u32 at an aligned offset, in either byte order.
                int at = (_rng.Next(b.Count) & ~3);
                if (at + 4 > b.Count) break;
                uint v = Interesting[_rng.Next(Interesting.Length)];
                bool be = _rng.Next(2) == 0;
                for (int k = 0; k < 4; k++) b[at + k] = (byte)(be ? v >> (24 - 8 * k) : v >> (8 * k));
                break;
            }
            case 4:
                Truncate(b);
                break;
            case 5:
            {
                // Duplicate an aligned chunk (repeats records, headers or PFNs).
                int at = _rng.Next(b.Count) & ~7, len = Math.Min(8 * (1 + _rng.Next(64)), b.Count - at);
                int to = _rng.Next(b.Count + 1) & ~7;
                b.InsertRange(Math.Min(to, b.Count), b.GetRange(at, len));
                break;
            }
            case 6:
            {
                // Delete an aligned chunk (drops records or parts of them).
                int at = _rng.Next(b.Count) & ~7, len = Math.Min(8 * (1 + _rng.Next(64)), b.Count - at);
                b.RemoveRange(at, len);
                break;
            }
            default:
            {
                // Swap two aligned 8-octet words (reorders headers and fields).
                int x = _rng.Next(b.Count) & ~7, y = _rng.Next(b.Count) & ~7;
                if (x + 8 > b.Count || y + 8 > b.Count) break;
                for (int k = 0; k < 8; k++) (b[x + k], b[y + k]) = (b[y + k], b[x + k]);
                break;
            }
        }
    }

    private void Truncate(List<byte> b)
    {
        int keep = _rng.Next(b.Count);
        b.RemoveRange(keep, b.Count - keep);
    }
}
