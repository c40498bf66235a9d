// Why: error replies carry the errno name as a NUL-terminated string (docs/misc/xenstore.txt, "Error
// replies"). Names are built once as ASCII bytes so the hot path never formats strings.
namespace Xen.Store.Wire;

/// <summary>Maps <see cref="XsError"/> to and from the errno names used on the wire.</summary>
public static class XsErrorNames
{
    private static readonly string[] Names =
    {
        "", "EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM", "ENOSPC", "EIO",
        "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN", "E2BIG",
    };

    private static readonly byte[][] Payloads = BuildPayloads();

    /// <summary>The errno name of <paramref name="error"/>, e.g. "ENOENT".</summary>
    public static string Name(XsError error)
    {
        int i = (int)error;
        return i >= 0 && i < Names.Length ? Names[i] : "EINVAL";
    }

    /// <summary>The reply payload for <paramref name="error"/>: the name followed by a NUL.</summary>
    internal static byte[] Payload(XsError error)
    {
        int i = (int)error;
        return i > 0 && i < Payloads.Length ? Payloads[i] : Payloads[(int)XsError.EINVAL];
    }

    /// <summary>Parses an error payload ("ENOENT\0"); unknown names map to <see cref="XsError.EINVAL"/>.</summary>
    public static XsError Parse(ReadOnlySpan<byte> payload)
    {
        int n = payload.IndexOf((byte)0);
        if (n < 0)
        {
            n = payload.Length;
        }

        for (int i = 1; i < Names.Length; i++)
        {
            string name = Names[i];
            if (name.Length != n)
            {
                continue;
            }

            bool same = true;
            for (int k = 0; k < n; k++)
            {
                if (payload[k] != name[k])
                {
                    same = false;
                    break;
                }
            }

            if (same)
            {
                return (XsError)i;
            }
        }

        return XsError.EINVAL;
    }

    private static byte[][] BuildPayloads()
    {
        byte[][] result = new byte[Names.Length][];
        for (int i = 0; i < Names.Length; i++)
        {
            string name = Names[i];
            byte[] bytes = new byte[name.Length + 1];
            for (int k = 0; k < name.Length; k++)
            {
                bytes[k] = (byte)name[k];
            }

            result[i] = bytes;
        }

        return result;
    }
}
