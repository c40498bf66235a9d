// A parsed xl.cfg file: every KEY=VALUE setting in file order, including keys the image ignores (xl keeps
// unknown keys too). A key given twice: the later setting wins, as with xl.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>The settings of one xl.cfg file, or why it could not be parsed.</summary>
public sealed class XlConfig
{
    private string[] _keys = new string[16];
    private XlValue[] _values = new XlValue[16];
    private int[] _lines = new int[16];

    /// <summary>Number of settings (duplicates included).</summary>
    public int Count { get; private set; }

    /// <summary>Line of the first syntax error (1-based), 0 if none.</summary>
    public int ErrorLine { get; internal set; }

    /// <summary>What is wrong at <see cref="ErrorLine"/>, or null.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>True if the file parsed.</summary>
    public bool IsValid => ErrorMessage is null;

    /// <summary>Key of setting <paramref name="index"/>.</summary>
    public string KeyAt(int index) => _keys[index];

    /// <summary>Value of setting <paramref name="index"/>.</summary>
    public XlValue ValueAt(int index) => _values[index];

    /// <summary>Line of setting <paramref name="index"/>.</summary>
    public int LineAt(int index) => _lines[index];

    /// <summary>The value of <paramref name="key"/> (the last setting of it), or null.</summary>
    public XlValue? Find(string key)
    {
        int i = IndexOf(key);
        return i < 0 ? null : _values[i];
    }

    /// <summary>The line of the last setting of <paramref name="key"/>, 0 if absent.</summary>
    public int LineOf(string key)
    {
        int i = IndexOf(key);
        return i < 0 ? 0 : _lines[i];
    }

    internal int IndexOf(string key)
    {
        for (int i = Count - 1; i >= 0; i--)
            if (string.Equals(_keys[i], key)) return i;
        return -1;
    }

    internal void Add(string key, XlValue value, int line)
    {
        if (Count == _keys.Length)
        {
            var keys = new string[Count * 2];
            var values = new XlValue[Count * 2];
            var lines = new int[Count * 2];
            for (int i = 0; i < Count; i++)
            {
                keys[i] = _keys[i];
                values[i] = _values[i];
                lines[i] = _lines[i];
            }
            _keys = keys;
            _values = values;
            _lines = lines;
        }
        _keys[Count] = key;
        _values[Count] = value;
        _lines[Count] = line;
        Count++;
    }
}
