// Why: the async client library over the Unix socket: typed operations for every request a
// toolstack needs, transactions with retry on EAGAIN, and watches as IAsyncEnumerable.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Permissions;
using Xen.Store.Wire;

namespace Xen.Store.Daemon.Client;

/// <summary>An xenstore client connected to a daemon's Unix socket.</summary>
public sealed class XenStoreClient : IAsyncDisposable
{
    private static int s_tokens;
    private readonly ClientChannel _channel;

    private XenStoreClient(ClientChannel channel) => _channel = channel;

    /// <summary>Connects to the daemon listening on <paramref name="socketPath"/>.</summary>
    public static async Task<XenStoreClient> ConnectAsync(string socketPath, XenStoreClientOptions? options = null, CancellationToken ct = default) =>
        new(await ClientChannel.OpenAsync(socketPath, options ?? new XenStoreClientOptions(), ct).ConfigureAwait(false));

    /// <summary>Reads a value (READ).</summary>
    public Task<byte[]> ReadAsync(string path, CancellationToken ct = default) => ReadAsync(0, path, ct);

    /// <summary>Reads a value as UTF-8 text.</summary>
    public async Task<string> ReadStringAsync(string path, CancellationToken ct = default) =>
        Encoding.UTF8.GetString(await ReadAsync(path, ct).ConfigureAwait(false));

    /// <summary>Writes a value, creating missing parents (WRITE).</summary>
    public Task WriteAsync(string path, ReadOnlySpan<byte> value, CancellationToken ct = default) => WriteAsync(0, path, value, ct);

    /// <summary>Writes UTF-8 text.</summary>
    public Task WriteAsync(string path, string value, CancellationToken ct = default) => WriteAsync(0, path, Encoding.UTF8.GetBytes(value), ct);

    /// <summary>Creates a node and its parents if missing (MKDIR).</summary>
    public Task MkdirAsync(string path, CancellationToken ct = default) => Simple(XsMessageType.Mkdir, 0, path, ct);

    /// <summary>Removes a subtree (RM).</summary>
    public Task RemoveAsync(string path, CancellationToken ct = default) => Simple(XsMessageType.Rm, 0, path, ct);

    /// <summary>Lists child names (DIRECTORY, falling back to DIRECTORY_PART for long lists).</summary>
    public Task<string[]> ListAsync(string path, CancellationToken ct = default) => ListAsync(0, path, ct);

    /// <summary>Whether a node exists and is readable.</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        try
        {
            await ReadAsync(path, ct).ConfigureAwait(false);
            return true;
        }
        catch (XenStoreException e) when (e.Error == XsError.ENOENT)
        {
            return false;
        }
    }

    /// <summary>Reads permissions (GET_PERMS).</summary>
    public async Task<XsPermission[]> GetPermissionsAsync(string path, CancellationToken ct = default)
    {
        string[] parts = Payload.Split(await _channel.RequestAsync(XsMessageType.GetPerms, 0, Payload.Strings(path), ct).ConfigureAwait(false));
        XsPermission[] result = new XsPermission[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            XsAccess access = parts[i][0] switch { 'r' => XsAccess.Read, 'w' => XsAccess.Write, 'b' => XsAccess.Both, _ => XsAccess.None };
            result[i] = new XsPermission(uint.Parse(parts[i].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture), access);
        }

        return result;
    }

    /// <summary>Sets permissions (SET_PERMS); the first entry is the owner and the default.</summary>
    public Task SetPermissionsAsync(string path, IReadOnlyList<XsPermission> permissions, CancellationToken ct = default)
    {
        string[] fields = new string[permissions.Count + 1];
        fields[0] = path;
        for (int i = 0; i < permissions.Count; i++)
        {
            fields[i + 1] = permissions[i].Letter + permissions[i].DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return _channel.RequestAsync(XsMessageType.SetPerms, 0, Payload.Strings(fields), ct);
    }

    /// <summary>Returns /local/domain/&lt;domid&gt; (GET_DOMAIN_PATH).</summary>
    public async Task<string> GetDomainPathAsync(uint domainId, CancellationToken ct = default) =>
        Payload.Split(await _channel.RequestAsync(XsMessageType.GetDomainPath, 0, Payload.Strings(domainId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct).ConfigureAwait(false))[0];

    /// <summary>Sends any request and returns the raw reply payload.</summary>
    public Task<byte[]> SendAsync(XsMessageType type, uint transactionId, byte[] payload, CancellationToken ct = default) =>
        _channel.RequestAsync(type, transactionId, payload, ct);

    /// <summary>Starts a transaction (TRANSACTION_START).</summary>
    public async Task<XenStoreTransaction> BeginTransactionAsync(CancellationToken ct = default)
    {
        byte[] reply = await _channel.RequestAsync(XsMessageType.TransactionStart, 0, new byte[] { 0 }, ct).ConfigureAwait(false);
        return new XenStoreTransaction(this, uint.Parse(Payload.Split(reply)[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <paramref name="body"/> in a transaction, retrying while the commit gets EAGAIN.</summary>
    public async Task<T> RunTransactionAsync<T>(Func<XenStoreTransaction, Task<T>> body, int maxAttempts = 100, CancellationToken ct = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            XenStoreTransaction tx = await BeginTransactionAsync(ct).ConfigureAwait(false);
            T result;
            try
            {
                result = await body(tx).ConfigureAwait(false);
            }
            catch
            {
                await tx.AbortAsync(ct).ConfigureAwait(false);
                throw;
            }

            if (await tx.CommitAsync(ct).ConfigureAwait(false))
            {
                return result;
            }

            if (attempt >= maxAttempts)
            {
                throw new XenStoreException(XsError.EAGAIN, "transaction");
            }
        }
    }

    /// <summary>
    /// Watches <paramref name="path"/> (WATCH) and yields events until <paramref name="ct"/> is
    /// cancelled; the first event is the immediate one xenstored sends for every new watch.
    /// </summary>
    public async IAsyncEnumerable<XenStoreWatchEvent> WatchAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string token = "xs#" + Interlocked.Increment(ref s_tokens).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ClientChannel.WatchRegistration registration = _channel.AddWatch(path, token);
        try
        {
            await _channel.RequestAsync(XsMessageType.Watch, 0, Payload.Strings(path, token), ct).ConfigureAwait(false);
            while (await registration.Events.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (registration.Events.Reader.TryRead(out XenStoreWatchEvent? e))
                {
                    yield return e;
                }
            }
        }
        finally
        {
            _channel.RemoveWatch(token);
            try
            {
                using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(5));
                await _channel.RequestAsync(XsMessageType.Unwatch, 0, Payload.Strings(path, token), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The connection may be gone; the daemon drops the watch with it.
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _channel.DisposeAsync();

    internal async Task<byte[]> ReadAsync(uint tx, string path, CancellationToken ct) =>
        await _channel.RequestAsync(XsMessageType.Read, tx, Payload.Strings(path), ct).ConfigureAwait(false);

    internal Task WriteAsync(uint tx, string path, ReadOnlySpan<byte> value, CancellationToken ct) =>
        _channel.RequestAsync(XsMessageType.Write, tx, Payload.PathAndValue(path, value), ct);

    internal Task Simple(XsMessageType type, uint tx, string path, CancellationToken ct) =>
        _channel.RequestAsync(type, tx, Payload.Strings(path), ct);

    internal async Task<string[]> ListAsync(uint tx, string path, CancellationToken ct)
    {
        try
        {
            return Payload.Split(await _channel.RequestAsync(XsMessageType.Directory, tx, Payload.Strings(path), ct).ConfigureAwait(false));
        }
        catch (XenStoreException e) when (e.Error == XsError.E2BIG)
        {
            return await ListPartsAsync(tx, path, ct).ConfigureAwait(false);
        }
    }

    internal Task<byte[]> RequestAsync(XsMessageType type, uint tx, byte[] payload, CancellationToken ct) =>
        _channel.RequestAsync(type, tx, payload, ct);

    private async Task<string[]> ListPartsAsync(uint tx, string path, CancellationToken ct)
    {
        // DIRECTORY_PART: "<gencnt>\0" + names; an empty name marks the end. Restart if gencnt changes.
        while (true)
        {
            List<string> names = new();
            string? generation = null;
            int offset = 0;
            bool restart = false;
            while (true)
            {
                byte[] reply = await _channel.RequestAsync(XsMessageType.DirectoryPart, tx,
                    Payload.Strings(path, offset.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct).ConfigureAwait(false);
                string[] parts = Payload.Split(reply);
                generation ??= parts[0];
                if (parts[0] != generation)
                {
                    restart = true;
                    break;
                }

                bool end = reply.Length >= 2 && reply[^1] == 0 && reply[^2] == 0;
                if (!end && parts.Length < 2)
                {
                    throw new System.IO.InvalidDataException("DIRECTORY_PART made no progress");
                }

                for (int i = 1; i < parts.Length; i++)
                {
                    if (parts[i].Length == 0)
                    {
                        continue;
                    }

                    names.Add(parts[i]);
                    offset += Encoding.UTF8.GetByteCount(parts[i]) + 1;
                }

                if (end)
                {
                    break;
                }
            }

            if (!restart)
            {
                return names.ToArray();
            }
        }
    }
}
