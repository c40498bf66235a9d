// Why: a permission entry grants one of n/r/w/b (docs/misc/xenstore.txt, GET_PERMS/SET_PERMS).
namespace Xen.Store.Permissions;

/// <summary>Access rights of one permission entry.</summary>
[Flags]
public enum XsAccess
{
    /// <summary>'n': no access.</summary>
    None = 0,
    /// <summary>'r': read only.</summary>
    Read = 1,
    /// <summary>'w': write only.</summary>
    Write = 2,
    /// <summary>'b': both read and write.</summary>
    Both = Read | Write,
}
