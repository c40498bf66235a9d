// Why: operations bound to one transaction id (tx_id in every request header), and the commit whose
// EAGAIN tells the caller to retry (docs/misc/xenstore.txt "Transactions").
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Wire;

namespace Xen.Store.Daemon.Client;

/// <summary>An open transaction.</summary>
public sealed class XenStoreTransaction
{
    private readonly XenStoreClient _client;

    internal XenStoreTransaction(XenStoreClient client, uint id)
    {
        _client = client;
        Id = id;
    }

    /// <summary>The transaction id allocated by xenstored.</summary>
    public uint Id { get; }

    /// <summary>Reads inside the transaction.</summary>
    public Task<byte[]> ReadAsync(string path, CancellationToken ct = default) => _client.ReadAsync(Id, path, ct);

    /// <summary>Reads UTF-8 text inside the transaction.</summary>
    public async Task<string> ReadStringAsync(string path, CancellationToken ct = default) =>
        Encoding.UTF8.GetString(await ReadAsync(path, ct).ConfigureAwait(false));

    /// <summary>Writes inside the transaction.</summary>
    public Task WriteAsync(string path, string value, CancellationToken ct = default) =>
        _client.WriteAsync(Id, path, Encoding.UTF8.GetBytes(value), ct);

    /// <summary>Creates a node inside the transaction.</summary>
    public Task MkdirAsync(string path, CancellationToken ct = default) => _client.Simple(XsMessageType.Mkdir, Id, path, ct);

    /// <summary>Removes a subtree inside the transaction.</summary>
    public Task RemoveAsync(string path, CancellationToken ct = default) => _client.Simple(XsMessageType.Rm, Id, path, ct);

    /// <summary>Lists children inside the transaction.</summary>
    public Task<string[]> ListAsync(string path, CancellationToken ct = default) => _client.ListAsync(Id, path, ct);

    /// <summary>Commits; false if another change conflicted (EAGAIN) and the caller should retry.</summary>
    public async Task<bool> CommitAsync(CancellationToken ct = default)
    {
        try
        {
            await _client.RequestAsync(XsMessageType.TransactionEnd, Id, new byte[] { (byte)'T', 0 }, ct).ConfigureAwait(false);
            return true;
        }
        catch (XenStoreException e) when (e.Error == XsError.EAGAIN)
        {
            return false;
        }
    }

    /// <summary>Discards the transaction.</summary>
    public async Task AbortAsync(CancellationToken ct = default)
    {
        try
        {
            await _client.RequestAsync(XsMessageType.TransactionEnd, Id, new byte[] { (byte)'F', 0 }, ct).ConfigureAwait(false);
        }
        catch (XenStoreException)
        {
            // Already gone.
        }
    }
}
