// Why: the processor is deterministic, so the exact bytes each connection fed (plus connection opens
// and closes) reproduce every node, watch, session and open transaction. Each record is handed to the
// OS before the replies it caused are sent, so a killed daemon loses nothing a client saw confirmed.
using System.Buffers.Binary;
using System.IO;

namespace Xen.Store.Daemon.Persistence;

/// <summary>Append-only log of connection events and consumed request bytes.</summary>
internal sealed class RequestJournal : IDisposable
{
    public const byte Open = 1;
    public const byte Data = 2;
    public const byte Close = 3;

    /// <summary>The daemon restarted here: every connection lost its socket and became detached.</summary>
    public const byte Restart = 4;

    private readonly FileStream _file;
    private readonly byte[] _header = new byte[9];

    public RequestJournal(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
    }

    public string Path { get; }

    public long Length => _file.Length;

    public void Append(byte kind, uint connectionId, ReadOnlySpan<byte> data)
    {
        _header[0] = kind;
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(1), connectionId);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(5), data.Length);
        _file.Write(_header);
        _file.Write(data);
        _file.Flush(false);
    }

    public void Truncate()
    {
        _file.SetLength(0);
        _file.Flush(true);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Reads records until the end or a torn final record (the daemon died mid-write).</summary>
    public static void Replay(string path, Action<byte, uint, ReadOnlyMemory<byte>> apply)
    {
        if (!File.Exists(path))
        {
            return;
        }

        byte[] all = File.ReadAllBytes(path);
        int o = 0;
        while (o + 9 <= all.Length)
        {
            byte kind = all[o];
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(all.AsSpan(o + 1));
            int length = BinaryPrimitives.ReadInt32LittleEndian(all.AsSpan(o + 5));
            if (length < 0 || o + 9 + length > all.Length)
            {
                break;
            }

            apply(kind, id, all.AsMemory(o + 9, length));
            o += 9 + length;
        }
    }
}
