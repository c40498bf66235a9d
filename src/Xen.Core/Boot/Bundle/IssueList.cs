// Collects BundleIssues without BCL collections.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>A growable list of issues.</summary>
internal sealed class IssueList
{
    private BundleIssue[] _items = new BundleIssue[4];

    public int Count { get; private set; }

    public void Add(string file, int line, string message)
    {
        if (Count == _items.Length)
        {
            var bigger = new BundleIssue[Count * 2];
            for (int i = 0; i < Count; i++) bigger[i] = _items[i];
            _items = bigger;
        }
        _items[Count++] = new BundleIssue(file, line, message);
    }

    public BundleIssue[] ToArray()
    {
        var result = new BundleIssue[Count];
        for (int i = 0; i < Count; i++) result[i] = _items[i];
        return result;
    }
}
