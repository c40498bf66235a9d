// One problem found in a boot bundle, reported per file: the cfg file (or archive member) it is about, the line
// (0 when it is about the file as a whole) and a constant message.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>A validation or syntax error in one bundle file.</summary>
public sealed class BundleIssue
{
    /// <summary>Creates an issue.</summary>
    public BundleIssue(string file, int line, string message)
    {
        File = file;
        Line = line;
        Message = message;
    }

    /// <summary>The cfg file name in the archive ("" for the archive itself).</summary>
    public string File { get; }

    /// <summary>1-based line, or 0.</summary>
    public int Line { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }
}
