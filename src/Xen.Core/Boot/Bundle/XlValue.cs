// A VALUE of xl.cfg(5): a "STRING" (single or double quotes, escapes decoded), a NUMBER (decimal, octal with a
// leading 0, hexadecimal with 0x) or a [ list, of, values ] (heterogeneous, nestable). Kept as parsed so that
// keys the image does not use are still available, as xl keeps them.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>The kind of an xl.cfg value.</summary>
public enum XlValueKind : byte
{
    /// <summary>A quoted string.</summary>
    String,
    /// <summary>A number.</summary>
    Number,
    /// <summary>A list of values.</summary>
    List,
}

/// <summary>One parsed xl.cfg value.</summary>
public sealed class XlValue
{
    private XlValue[] _items = Array.Empty<XlValue>();

    internal XlValue(XlValueKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    /// <summary>String, number or list.</summary>
    public XlValueKind Kind { get; }

    /// <summary>The line the value starts on (1-based).</summary>
    public int Line { get; }

    /// <summary>For strings: the decoded bytes; for numbers: the token as written.</summary>
    public byte[] Text { get; internal set; } = Array.Empty<byte>();

    /// <summary>For numbers: the value.</summary>
    public ulong Number { get; internal set; }

    /// <summary>For lists: the number of items.</summary>
    public int Count { get; private set; }

    /// <summary>For lists: item <paramref name="index"/> (callers check <see cref="Count"/>).</summary>
    public XlValue Item(int index) => _items[index];

    internal void Add(XlValue item)
    {
        if (Count == _items.Length)
        {
            var bigger = new XlValue[Count == 0 ? 4 : Count * 2];
            for (int i = 0; i < Count; i++) bigger[i] = _items[i];
            _items = bigger;
        }
        _items[Count++] = item;
    }

    /// <summary>True if this is a string equal to the ASCII <paramref name="text"/>.</summary>
    public bool IsString(string text)
    {
        if (Kind != XlValueKind.String || Text.Length != text.Length) return false;
        for (int i = 0; i < text.Length; i++)
            if (Text[i] != text[i]) return false;
        return true;
    }
}
