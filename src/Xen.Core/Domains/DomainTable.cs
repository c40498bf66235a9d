// The domains the hypervisor runs, by domid: what interdomain operations (event channels, later grant
// tables) look a peer up in. Small and linear: a handful of domains per host in this hypervisor's targets.
namespace Xen.Core.Domains;

/// <summary>Domains by id.</summary>
public sealed class DomainTable
{
    private Domain[] _domains = new Domain[4];
    private int _count;

    /// <summary>Number of domains.</summary>
    public int Count => _count;

    /// <summary>Domain <paramref name="index"/> in insertion order.</summary>
    public Domain this[int index] => _domains[index];

    /// <summary>Adds <paramref name="domain"/>; false if its id is taken.</summary>
    public bool Add(Domain domain)
    {
        if (Find(domain.Id) is not null) return false;
        if (_count == _domains.Length)
        {
            var larger = new Domain[_count * 2];
            for (int i = 0; i < _count; i++) larger[i] = _domains[i];
            _domains = larger;
        }
        _domains[_count++] = domain;
        return true;
    }

    /// <summary>The domain with id <paramref name="id"/>, or null.</summary>
    public Domain? Find(ushort id)
    {
        for (int i = 0; i < _count; i++)
            if (_domains[i].Id == id) return _domains[i];
        return null;
    }
}
