// Why: request payloads are NUL-terminated strings (docs/misc/xenstore.txt notation "<foo>|").
// Hostile clients omit terminators or send garbage numbers; these helpers turn that into EINVAL.
namespace Xen.Store.Wire;

/// <summary>Splitting and number parsing for request payloads.</summary>
internal static class PayloadFields
{
    /// <summary>Takes the next NUL-terminated string; false if there is no terminator.</summary>
    public static bool Take(ref ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> field)
    {
        int nul = payload.IndexOf((byte)0);
        if (nul < 0)
        {
            field = default;
            return false;
        }

        field = payload.Slice(0, nul);
        payload = payload.Slice(nul + 1);
        return true;
    }

    /// <summary>Parses an unsigned decimal of at most 20 digits.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<byte> field, out ulong value)
    {
        value = 0;
        if (field.Length == 0 || field.Length > 20)
        {
            return false;
        }

        for (int i = 0; i < field.Length; i++)
        {
            byte c = field[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            ulong next = value * 10 + (ulong)(c - '0');
            if (next < value)
            {
                return false;
            }

            value = next;
        }

        return true;
    }

    /// <summary>Parses a domain id, 0..65535 (docs/misc/xenstore.txt "&lt;domid&gt;").</summary>
    public static bool TryParseDomainId(ReadOnlySpan<byte> field, out uint domainId)
    {
        domainId = 0;
        if (!TryParseUnsigned(field, out ulong v) || v > 0xffff)
        {
            return false;
        }

        domainId = (uint)v;
        return true;
    }

    /// <summary>Parses a possibly negative decimal (INTRODUCE's mfn is "signed decimal (!)").</summary>
    public static bool TryParseSigned(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        bool negative = field.Length > 0 && field[0] == '-';
        if (!TryParseUnsigned(negative ? field.Slice(1) : field, out ulong v) || v > long.MaxValue)
        {
            return false;
        }

        value = negative ? -(long)v : (long)v;
        return true;
    }
}
