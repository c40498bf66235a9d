// Per-domain list of emulated MMIO windows (fixed capacity, allocated at domain creation; no allocation on
// the exit path). Lookup is linear: a domain has a handful of devices (vpl011 now, vGIC distributor and
// redistributors next).
namespace Xen.Arch.Arm.Virtualization;

/// <summary>Guest-physical windows → device models.</summary>
public sealed class MmioBus
{
    /// <summary>Most windows one domain can have.</summary>
    public const int Capacity = 8;
    private readonly ulong[] _bases = new ulong[Capacity];
    private readonly ulong[] _sizes = new ulong[Capacity];
    private readonly IMmioDevice?[] _devices = new IMmioDevice?[Capacity];
    private int _count;

    /// <summary>Windows registered.</summary>
    public int Count => _count;

    /// <summary>Adds <paramref name="device"/> at [base, base+size); false when full or overlapping.</summary>
    public bool Add(ulong baseAddress, ulong size, IMmioDevice device)
    {
        if (_count == Capacity || size == 0 || baseAddress + size < baseAddress) return false;
        for (int i = 0; i < _count; i++)
            if (baseAddress < _bases[i] + _sizes[i] && _bases[i] < baseAddress + size) return false;
        _bases[_count] = baseAddress;
        _sizes[_count] = size;
        _devices[_count] = device;
        _count++;
        return true;
    }

    /// <summary>The device whose window holds <paramref name="ipa"/>, with the offset into it; null if none.</summary>
    public IMmioDevice? Find(ulong ipa, out ulong offset)
    {
        for (int i = 0; i < _count; i++)
        {
            if (ipa - _bases[i] < _sizes[i])
            {
                offset = ipa - _bases[i];
                return _devices[i];
            }
        }
        offset = 0;
        return null;
    }
}
