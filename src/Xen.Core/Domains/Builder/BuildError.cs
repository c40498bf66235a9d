// Why building a domain failed.
namespace Xen.Core.Domains.Builder;

/// <summary>Domain build results.</summary>
public enum BuildError
{
    /// <summary>Built.</summary>
    None = 0,
    /// <summary>The kernel is not a valid ELF (see the ElfError).</summary>
    BadElf,
    /// <summary>The kernel has no XEN_ELFNOTE_PHYS32_ENTRY: it does not support PVH boot.</summary>
    NotPvh,
    /// <summary>A segment, the entry point or the start info page lies outside the domain's memory.</summary>
    DoesNotFit,
    /// <summary>The page allocator could not supply the domain's memory or tables.</summary>
    OutOfMemory,
    /// <summary>The arch layer could not prepare the domain or a vCPU.</summary>
    ArchFailure,
}
