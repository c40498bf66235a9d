// The regular files of a bundle archive, by normalised name ("./a/b" and "/a/b" are "a/b", as a cfg written for
// /etc/xen may name "/boot/vmlinuz" while the archive holds "boot/vmlinuz"). Names and data stay ranges of
// the module.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>Name → data lookup over a cpio archive's members.</summary>
internal sealed class BundleFiles
{
    private ByteRange[] _names = new ByteRange[8];
    private ByteRange[] _data = new ByteRange[8];

    public int Count { get; private set; }

    public ByteRange NameAt(int index) => _names[index];

    public ByteRange DataAt(int index) => _data[index];

    public void Add(ReadOnlySpan<byte> module, CpioEntry entry)
    {
        ByteRange name = Normalise(module, new ByteRange(entry.NameOffset, entry.NameLength));
        if (Count == _names.Length)
        {
            var names = new ByteRange[Count * 2];
            var data = new ByteRange[Count * 2];
            for (int i = 0; i < Count; i++) { names[i] = _names[i]; data[i] = _data[i]; }
            _names = names;
            _data = data;
        }
        _names[Count] = name;
        _data[Count] = new ByteRange(entry.DataOffset, entry.DataLength);
        Count++;
    }

    /// <summary>Finds <paramref name="path"/> (normalised the same way); a later member of the same name wins.</summary>
    public bool TryFind(ReadOnlySpan<byte> module, ReadOnlySpan<byte> path, out ByteRange data)
    {
        path = Strip(path);
        for (int i = Count - 1; i >= 0; i--)
        {
            if (_names[i].In(module).SequenceEqual(path))
            {
                data = _data[i];
                return true;
            }
        }
        data = default;
        return false;
    }

    public static bool EndsWithCfg(ReadOnlySpan<byte> name) =>
        name.Length > 4 && name[name.Length - 4] == (byte)'.' && name[name.Length - 3] == (byte)'c'
        && name[name.Length - 2] == (byte)'f' && name[name.Length - 1] == (byte)'g';

    private static ByteRange Normalise(ReadOnlySpan<byte> module, ByteRange name)
    {
        ReadOnlySpan<byte> n = name.In(module);
        int skip = n.Length - Strip(n).Length;
        return new ByteRange(name.Offset + skip, name.Length - skip);
    }

    private static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> path)
    {
        while (true)
        {
            if (path.Length >= 2 && path[0] == (byte)'.' && path[1] == (byte)'/') path = path.Slice(2);
            else if (path.Length >= 1 && path[0] == (byte)'/') path = path.Slice(1);
            else return path;
        }
    }
}
