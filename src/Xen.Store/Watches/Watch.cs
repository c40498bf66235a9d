// Why: a registered watch (docs/misc/xenstore.txt WATCH): the canonical watched path or "@special",
// the client's opaque token, and how much of an event path to strip when the watch was relative.
using Xen.Store.Processing;

namespace Xen.Store.Watches;

/// <summary>One watch of one connection.</summary>
internal sealed class Watch
{
    public Watch(XsConnection owner, string path, byte[] token, int relativePrefix)
    {
        Owner = owner;
        Path = path;
        Token = token;
        RelativePrefix = relativePrefix;
    }

    public XsConnection Owner { get; set; }

    public string Path { get; }

    public byte[] Token { get; }

    /// <summary>Length of "/local/domain/N/" to strip from event paths, 0 for absolute watches.</summary>
    public int RelativePrefix { get; }

    public bool IsSpecial => Path.Length > 0 && Path[0] == '@';

    public bool Matches(string path, ReadOnlySpan<byte> token) =>
        string.Equals(Path, path) && token.SequenceEqual(Token);
}
