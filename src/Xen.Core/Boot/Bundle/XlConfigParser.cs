// Parses xl.cfg(5) syntax (docs/man/xl.cfg.5.pod.in, "SYNTAX"): settings KEY=VALUE (or KEY+=VALUE, which
// appends to a list or string, as libxlu accepts), separated by newlines or ';'; VALUE is a "string" or 'string'
// (C escapes \n \t \r \\ \" \' \xHH \NNN), a NUMBER (decimal, octal with a leading 0, hex with 0x), or a list
// [ VALUE, VALUE, ... ] that may span lines, hold comments, end with a trailing comma and nest. '#' starts a
// comment to the end of the line. Errors carry the line and a constant message; nothing throws.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>xl.cfg text → <see cref="XlConfig"/>.</summary>
public static class XlConfigParser
{
    /// <summary>Lists nested deeper than this are refused (bounded recursion).</summary>
    public const int MaxDepth = 8;

    /// <summary>Parses <paramref name="text"/>; check <see cref="XlConfig.IsValid"/>.</summary>
    public static XlConfig Parse(ReadOnlySpan<byte> text)
    {
        var config = new XlConfig();
        var c = new Cursor(text);
        while (true)
        {
            c.SkipBlank(true);
            if (c.AtEnd) break;
            byte b = c.Peek;
            if (b == (byte)';') { c.Advance(); continue; }
            int line = c.Line;
            if (!IsIdentStart(b)) return Fail(config, line, "expected a KEY at the start of a setting");
            int start = c.Position;
            while (!c.AtEnd && IsIdentPart(c.Peek)) c.Advance();
            string key = Ascii.ToString(text.Slice(start, c.Position - start));
            c.SkipBlank(false);
            bool append = false;
            if (!c.AtEnd && c.Peek == (byte)'+') { append = true; c.Advance(); }
            if (c.AtEnd || c.Peek != (byte)'=') return Fail(config, c.Line, "expected '=' after the KEY");
            c.Advance();
            c.SkipBlank(false);
            XlValue? value = ParseValue(ref c, 0, out string? error);
            if (value is null) return Fail(config, c.Line, error!);
            c.SkipBlank(false);
            if (!c.AtEnd && c.Peek != (byte)'\n' && c.Peek != (byte)';')
                return Fail(config, c.Line, "expected a newline or ';' after the VALUE");
            if (append)
            {
                XlValue? previous = config.Find(key);
                if (previous is not null)
                {
                    value = Append(previous, value);
                    if (value is null) return Fail(config, line, "'+=' needs a list or string of the same kind as before");
                }
            }
            config.Add(key, value, line);
        }
        return config;
    }

    private static XlValue? ParseValue(ref Cursor c, int depth, out string? error)
    {
        error = null;
        if (c.AtEnd || c.Peek == (byte)'\n' || c.Peek == (byte)';' || c.Peek == (byte)'#') { error = "missing VALUE"; return null; }
        byte b = c.Peek;
        if (b == (byte)'"' || b == (byte)'\'') return ParseString(ref c, out error);
        if (b >= (byte)'0' && b <= (byte)'9') return ParseNumber(ref c, out error);
        if (b != (byte)'[') { error = "a VALUE must be a quoted string, a number or a [list]"; return null; }
        if (depth >= MaxDepth) { error = "lists nested too deeply"; return null; }
        var list = new XlValue(XlValueKind.List, c.Line);
        c.Advance();
        while (true)
        {
            c.SkipBlank(true);
            if (c.AtEnd) { error = "unterminated list (missing ']')"; return null; }
            if (c.Peek == (byte)']') { c.Advance(); return list; }
            XlValue? item = ParseValue(ref c, depth + 1, out error);
            if (item is null) return null;
            list.Add(item);
            c.SkipBlank(true);
            if (c.AtEnd) { error = "unterminated list (missing ']')"; return null; }
            if (c.Peek == (byte)',') { c.Advance(); continue; }
            if (c.Peek != (byte)']') { error = "expected ',' or ']' in a list"; return null; }
        }
    }

    private static XlValue? ParseString(ref Cursor c, out string? error)
    {
        error = null;
        byte quote = c.Peek;
        var value = new XlValue(XlValueKind.String, c.Line);
        c.Advance();
        int start = c.Position;
        // First pass: find the end and the decoded length; the second decodes into an exact array.
        int length = 0;
        var scan = c;
        while (true)
        {
            if (scan.AtEnd || scan.Peek == (byte)'\n') { error = "unterminated string"; return null; }
            byte b = scan.Peek;
            if (b == quote) break;
            if (b == (byte)'\\')
            {
                if (Escape(ref scan, out _) < 0) { error = "bad escape sequence in a string"; return null; }
            }
            else scan.Advance();
            length++;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            if (c.Peek == (byte)'\\') Escape(ref c, out bytes[i]);
            else { bytes[i] = c.Peek; c.Advance(); }
        }
        c.Advance(); // closing quote
        value.Text = bytes;
        return value;
    }

    // Decodes one escape at the cursor (on the backslash); returns 0, or -1 if it is invalid.
    private static int Escape(ref Cursor c, out byte decoded)
    {
        decoded = 0;
        c.Advance();
        if (c.AtEnd) return -1;
        byte e = c.Peek;
        c.Advance();
        switch (e)
        {
            case (byte)'n': decoded = (byte)'\n'; return 0;
            case (byte)'t': decoded = (byte)'\t'; return 0;
            case (byte)'r': decoded = (byte)'\r'; return 0;
            case (byte)'\\': case (byte)'"': case (byte)'\'': decoded = e; return 0;
            case (byte)'x':
            {
                int v = 0, n = 0;
                while (n < 2 && !c.AtEnd && Hex(c.Peek) >= 0) { v = v * 16 + Hex(c.Peek); c.Advance(); n++; }
                if (n == 0) return -1;
                decoded = (byte)v;
                return 0;
            }
        }
        if (e >= (byte)'0' && e <= (byte)'7')
        {
            int v = e - '0', n = 1;
            while (n < 3 && !c.AtEnd && c.Peek >= (byte)'0' && c.Peek <= (byte)'7') { v = v * 8 + (c.Peek - '0'); c.Advance(); n++; }
            if (v > 255) return -1;
            decoded = (byte)v;
            return 0;
        }
        return -1;
    }

    private static XlValue? ParseNumber(ref Cursor c, out string? error)
    {
        error = null;
        var value = new XlValue(XlValueKind.Number, c.Line);
        int start = c.Position;
        while (!c.AtEnd && IsIdentPart(c.Peek)) c.Advance();
        ReadOnlySpan<byte> token = c.Slice(start);
        value.Text = token.ToArray();
        uint radix = 10;
        int i = 0;
        if (token.Length > 2 && token[0] == (byte)'0' && (token[1] == (byte)'x' || token[1] == (byte)'X')) { radix = 16; i = 2; }
        else if (token.Length > 1 && token[0] == (byte)'0') { radix = 8; i = 1; }
        ulong n = 0;
        for (; i < token.Length; i++)
        {
            int d = Hex(token[i]);
            if (d < 0 || (uint)d >= radix) { error = "malformed NUMBER"; return null; }
            if (n > (ulong.MaxValue - (uint)d) / radix) { error = "NUMBER out of range"; return null; }
            n = n * radix + (uint)d;
        }
        value.Number = n;
        return value;
    }

    private static XlValue? Append(XlValue previous, XlValue value)
    {
        if (previous.Kind != value.Kind || value.Kind == XlValueKind.Number) return null;
        var merged = new XlValue(value.Kind, previous.Line);
        if (value.Kind == XlValueKind.List)
        {
            for (int i = 0; i < previous.Count; i++) merged.Add(previous.Item(i));
            for (int i = 0; i < value.Count; i++) merged.Add(value.Item(i));
            return merged;
        }
        byte[] text = new byte[previous.Text.Length + value.Text.Length];
        previous.Text.AsSpan().CopyTo(text);
        value.Text.AsSpan().CopyTo(text.AsSpan(previous.Text.Length));
        merged.Text = text;
        return merged;
    }

    private static XlConfig Fail(XlConfig config, int line, string message)
    {
        config.ErrorLine = line;
        config.ErrorMessage = message;
        return config;
    }

    private static bool IsIdentStart(byte b) => (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || b == (byte)'_';

    private static bool IsIdentPart(byte b) => IsIdentStart(b) || (b >= (byte)'0' && b <= (byte)'9') || b == (byte)'.' || b == (byte)'-';

    private static int Hex(byte b)
    {
        if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
        if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
        if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
        return -1;
    }

    // Position and line over the text. Copyable so a string can be scanned ahead.
    private ref struct Cursor
    {
        private readonly ReadOnlySpan<byte> _text;

        public Cursor(ReadOnlySpan<byte> text)
        {
            _text = text;
            Position = 0;
            Line = 1;
        }

        public int Position;
        public int Line;

        public readonly bool AtEnd => Position >= _text.Length;

        public readonly byte Peek => _text[Position];

        public readonly ReadOnlySpan<byte> Slice(int start) => _text.Slice(start, Position - start);

        public void Advance()
        {
            if (_text[Position] == (byte)'\n') Line++;
            Position++;
        }

        // Spaces, tabs, CRs and comments; newlines too when <paramref name="newlines"/> (between settings and in lists).
        public void SkipBlank(bool newlines)
        {
            while (!AtEnd)
            {
                byte b = Peek;
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || (newlines && b == (byte)'\n')) { Advance(); continue; }
                if (b == (byte)'#')
                {
                    while (!AtEnd && Peek != (byte)'\n') Advance();
                    continue;
                }
                break;
            }
        }
    }
}
