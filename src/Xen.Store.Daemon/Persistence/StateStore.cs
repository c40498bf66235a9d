// Why: restart without loss. State = the latest snapshot (generation G) plus journal-G of everything
// fed since. Compaction writes snapshot G+1 first, then starts journal-(G+1), then deletes journal-G,
// so a crash at any point leaves a snapshot and exactly the journal that belongs to it.
using System.Buffers.Binary;
using System.IO;
using Xen.Store.Persistence;
using Xen.Store.Processing;

namespace Xen.Store.Daemon.Persistence;

/// <summary>Snapshot and journal files of one daemon.</summary>
internal sealed class StateStore : IDisposable
{
    private readonly string _directory;
    private RequestJournal? _journal;
    private uint _generation;

    public StateStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    private string SnapshotPath => Path.Combine(_directory, "snapshot.bin");

    private string JournalPath(uint generation) => Path.Combine(_directory, "journal-" + generation + ".bin");

    /// <summary>Loads snapshot and journal into <paramref name="server"/>; returns restored (now detached) sessions.</summary>
    public int Restore(XenStoreServer server)
    {
        if (File.Exists(SnapshotPath))
        {
            byte[] bytes = File.ReadAllBytes(SnapshotPath);
            if (bytes.Length < 4 || !StoreSnapshot.Load(server, bytes.AsSpan(4)))
            {
                throw new InvalidDataException("xenstore snapshot " + SnapshotPath + " is corrupt");
            }

            _generation = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        }

        RequestJournal.Replay(JournalPath(_generation), (kind, id, data) => Apply(server, kind, id, data.Span));
        _journal = new RequestJournal(JournalPath(_generation));

        // Every socket died with the old daemon. The marker makes a later replay see the same.
        server.DetachAll();
        Record(RequestJournal.Restart, 0, default);
        int kept = 0;
        for (int i = server.ConnectionCount - 1; i >= 0; i--)
        {
            XsConnection c = server.Connections[i];
            if (c.SessionName == null)
            {
                Record(RequestJournal.Close, c.Id, default);
                server.Disconnect(c); // nobody can claim it back
            }
            else
            {
                kept++;
            }
        }

        return kept;
    }

    public void Record(byte kind, uint connectionId, ReadOnlySpan<byte> data) => _journal?.Append(kind, connectionId, data);

    /// <summary>Writes a snapshot and starts a new journal if the state allows it and compaction is due.</summary>
    public bool TryCompact(XenStoreServer server, long threshold)
    {
        if (_journal == null || _journal.Length < threshold)
        {
            return false;
        }

        byte[]? state = StoreSnapshot.Save(server);
        if (state == null)
        {
            return false;
        }

        uint next = _generation + 1;
        string temp = SnapshotPath + ".tmp";
        using (FileStream f = new(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> g = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(g, next);
            f.Write(g);
            f.Write(state);
            f.Flush(true);
        }

        File.Move(temp, SnapshotPath, overwrite: true);
        RequestJournal old = _journal;
        _journal = new RequestJournal(JournalPath(next));
        _generation = next;
        old.Dispose();
        File.Delete(old.Path);
        return true;
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _journal = null;
    }

    private static void Apply(XenStoreServer server, byte kind, uint id, ReadOnlySpan<byte> data)
    {
        if (kind == RequestJournal.Restart)
        {
            server.DetachAll();
            return;
        }

        if (kind == RequestJournal.Open)
        {
            server.ConnectWithId(id);
            return;
        }

        XsConnection? c = server.FindConnection(id);
        if (c == null)
        {
            return;
        }

        if (kind == RequestJournal.Close)
        {
            server.Disconnect(c);
            return;
        }

        while (data.Length > 0 && !c.IsClosed)
        {
            int used = server.Feed(c, data);
            data = data.Slice(used);
            c.DiscardOutput();
            if (used == 0)
            {
                break; // cannot happen with a sane quota; never spin on a corrupt journal
            }
        }
    }
}
