// Why: request payloads are NUL-terminated ASCII strings (docs/misc/xenstore.txt); this builds them.
using System.Text;

namespace Xen.Store.Daemon.Client;

/// <summary>Payload builders for client requests.</summary>
internal static class Payload
{
    public static byte[] Strings(params string[] fields)
    {
        int length = 0;
        foreach (string f in fields)
        {
            length += Encoding.UTF8.GetByteCount(f) + 1;
        }

        byte[] result = new byte[length];
        int o = 0;
        foreach (string f in fields)
        {
            o += Encoding.UTF8.GetBytes(f, 0, f.Length, result, o);
            result[o++] = 0;
        }

        return result;
    }

    public static byte[] PathAndValue(string path, ReadOnlySpan<byte> value)
    {
        int pathLength = Encoding.UTF8.GetByteCount(path);
        byte[] result = new byte[pathLength + 1 + value.Length];
        Encoding.UTF8.GetBytes(path, 0, path.Length, result, 0);
        value.CopyTo(result.AsSpan(pathLength + 1));
        return result;
    }

    /// <summary>Splits "a\0b\0" into strings (a trailing empty field is dropped).</summary>
    public static string[] Split(byte[] payload)
    {
        System.Collections.Generic.List<string> parts = new();
        int start = 0;
        for (int i = 0; i < payload.Length; i++)
        {
            if (payload[i] == 0)
            {
                parts.Add(Encoding.UTF8.GetString(payload, start, i - start));
                start = i + 1;
            }
        }

        if (start < payload.Length)
        {
            parts.Add(Encoding.UTF8.GetString(payload, start, payload.Length - start));
        }

        return parts.ToArray();
    }
}
