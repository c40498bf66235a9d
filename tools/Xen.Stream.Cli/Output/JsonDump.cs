// Why: the machine-readable dump: one JSON document with every item and a final status, written
// incrementally with Utf8JsonWriter so a dump of a large image needs no memory per item.
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;

namespace Xen.Stream.Cli.Output;

/// <summary>Writes a JSON dump.</summary>
internal sealed class JsonDump(System.IO.Stream output) : IDumpSink, System.IDisposable
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Indented = true });

    public void Begin(string source, StreamFraming framing)
    {
        _json.WriteStartObject();
        _json.WriteString("source", source);
        _json.WriteString("framing", framing.ToString());
        _json.WriteStartArray("items");
    }

    public void Item(in MigrationItem item, DomainHeader? domain)
    {
        (_, List<KeyValuePair<string, object>> fields) = ItemDescriber.Describe(item, domain);
        _json.WriteStartObject();
        _json.WriteNumber("offset", item.Offset);
        _json.WriteString("kind", item.Kind.ToString());
        if (item.RecordIndex >= 0)
        {
            _json.WriteNumber("index", item.RecordIndex);
            _json.WriteString("type", item.Name);
            _json.WriteNumber("typeCode", item.RecordType);
            _json.WriteNumber("length", item.Body.Length);
        }
        foreach (KeyValuePair<string, object> kv in fields)
        {
            switch (kv.Value)
            {
                case string s: _json.WriteString(kv.Key, s); break;
                case bool b: _json.WriteBoolean(kv.Key, b); break;
                case ulong u: _json.WriteNumber(kv.Key, u); break;
                case uint u: _json.WriteNumber(kv.Key, u); break;
                case long l: _json.WriteNumber(kv.Key, l); break;
                case int i: _json.WriteNumber(kv.Key, i); break;
                case byte b8: _json.WriteNumber(kv.Key, b8); break;
                default: _json.WriteString(kv.Key, kv.Value.ToString()); break;
            }
        }
        _json.WriteEndObject();
        if (_json.BytesPending > 64 * 1024) _json.Flush(); // keep the dump's memory constant
    }

    public void End(long bytes, long records, long pages, long checkpoints)
    {
        _json.WriteEndArray();
        _json.WriteBoolean("valid", true);
        _json.WriteNumber("bytes", bytes);
        _json.WriteNumber("records", records);
        _json.WriteNumber("pagesWithData", pages);
        _json.WriteNumber("checkpoints", checkpoints);
        _json.WriteEndObject();
        _json.Flush();
        output.Write("\n"u8);
    }

    public void Error(string message)
    {
        _json.WriteEndArray();
        _json.WriteBoolean("valid", false);
        _json.WriteString("error", message);
        _json.WriteEndObject();
        _json.Flush();
        output.Write("\n"u8);
    }

    public void Dispose() => _json.Dispose();
}
