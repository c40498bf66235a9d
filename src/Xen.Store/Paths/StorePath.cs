// Why: path syntax is part of the protocol (docs/misc/xenstore.txt): ASCII alphanumerics and -/_@,
// no doubled or trailing slashes, absolute paths ≤ XENSTORE_ABS_PATH_MAX (3072), relative paths
// ≤ XENSTORE_REL_PATH_MAX (2048) and relative to /local/domain/<domid>. Every hostile path dies here.
using Xen.Store.Collections;
using Xen.Store.Wire;

namespace Xen.Store.Paths;

/// <summary>Validation, canonicalisation and navigation of xenstore paths.</summary>
internal static class StorePath
{
    public const string Root = "/";

    /// <summary>Validates <paramref name="raw"/> (without its NUL) and makes it absolute.</summary>
    /// <param name="raw">The path bytes as sent.</param>
    /// <param name="domainId">The caller's domain, the base of relative paths.</param>
    /// <param name="allowSpecial">Whether "@..." watch paths are accepted (WATCH/UNWATCH only).</param>
    /// <param name="path">The canonical path.</param>
    /// <param name="relativePrefix">Length of the prefix added to a relative path, 0 when absolute.</param>
    public static XsError Canonicalize(ReadOnlySpan<byte> raw, uint domainId, bool allowSpecial, out string path, out int relativePrefix)
    {
        path = string.Empty;
        relativePrefix = 0;
        if (raw.Length == 0)
        {
            return XsError.EINVAL;
        }

        if (raw[0] == '@')
        {
            if (!allowSpecial || raw.Length > XsLimits.AbsolutePathMax || !ValidChars(raw))
            {
                return XsError.EINVAL;
            }

            path = Ascii(raw);
            return XsError.None;
        }

        bool absolute = raw[0] == '/';
        if (raw.Length > (absolute ? XsLimits.AbsolutePathMax : XsLimits.RelativePathMax) || !ValidChars(raw))
        {
            return XsError.EINVAL;
        }

        for (int i = 1; i < raw.Length; i++)
        {
            if (raw[i] == '/' && raw[i - 1] == '/')
            {
                return XsError.EINVAL;
            }
        }

        if (raw[raw.Length - 1] == '/' && raw.Length > 1)
        {
            return XsError.EINVAL;
        }

        if (absolute)
        {
            path = Ascii(raw);
            return XsError.None;
        }

        ByteBuilder b = new(raw.Length + 24);
        AppendDomainPath(b, domainId);
        b.Append((byte)'/');
        relativePrefix = b.Length;
        b.Append(raw);
        if (b.Length > XsLimits.AbsolutePathMax)
        {
            return XsError.EINVAL;
        }

        path = Ascii(b.Span);
        return XsError.None;
    }

    /// <summary>Writes "/local/domain/&lt;domid&gt;" (GET_DOMAIN_PATH, docs/misc/xenstore.txt).</summary>
    public static void AppendDomainPath(ByteBuilder b, uint domainId)
    {
        b.AppendAscii("/local/domain/");
        b.AppendDecimal(domainId);
    }

    /// <summary>The parent of a canonical path ("/" for top-level nodes and for the root).</summary>
    public static string Parent(string path)
    {
        int slash = LastSlash(path);
        return slash <= 0 ? Root : path.Substring(0, slash);
    }

    /// <summary>The last component of a canonical path.</summary>
    public static string Name(string path) => path.Substring(LastSlash(path) + 1);

    /// <summary>Joins a parent path and a child name.</summary>
    public static string Child(string parent, string name) => parent.Length == 1 ? "/" + name : parent + "/" + name;

    /// <summary>True when <paramref name="path"/> equals <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(string path, string ancestor)
    {
        if (ancestor.Length == 1 && ancestor[0] == '/')
        {
            return path.Length > 0 && path[0] == '/';
        }

        if (path.Length < ancestor.Length)
        {
            return false;
        }

        for (int i = ancestor.Length - 1; i >= 0; i--)
        {
            if (path[i] != ancestor[i])
            {
                return false;
            }
        }

        return path.Length == ancestor.Length || path[ancestor.Length] == '/';
    }

    /// <summary>Decodes validated ASCII bytes into a string without System.Text.</summary>
    public static string Ascii(ReadOnlySpan<byte> bytes)
    {
        char[] chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    /// <summary>Index of the first '/' at or after <paramref name="start"/>, or -1.</summary>
    public static int NextSlash(string path, int start)
    {
        for (int i = start; i < path.Length; i++)
        {
            if (path[i] == '/')
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastSlash(string path)
    {
        for (int i = path.Length - 1; i >= 0; i--)
        {
            if (path[i] == '/')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool ValidChars(ReadOnlySpan<byte> raw)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            byte c = raw[i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '/' || c == '_' || c == '@';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
