// Why: the XEN_DOMCTL_PFINFO_* page types stored in bits 63-60 of every PAGE_DATA PFN entry
// (public/domctl.h values shifted by 32; libxc-migration-stream.pandoc "PAGE_DATA").
namespace Xen.Migration.Libxc;

/// <summary>Page type of a PFN in a PAGE_DATA record. Values 0x5-0x8 are reserved.</summary>
public enum PageType : byte
{
    /// <summary>Normal page.</summary>
    NoTab = 0x0,
    /// <summary>L1 page-table page.</summary>
    L1Tab = 0x1,
    /// <summary>L2 page-table page.</summary>
    L2Tab = 0x2,
    /// <summary>L3 page-table page.</summary>
    L3Tab = 0x3,
    /// <summary>L4 page-table page.</summary>
    L4Tab = 0x4,
    /// <summary>Pinned L1 page-table page.</summary>
    L1TabPin = 0x9,
    /// <summary>Pinned L2 page-table page.</summary>
    L2TabPin = 0xA,
    /// <summary>Pinned L3 page-table page.</summary>
    L3TabPin = 0xB,
    /// <summary>Pinned L4 page-table page.</summary>
    L4TabPin = 0xC,
    /// <summary>Broken page; no data follows.</summary>
    Broken = 0xD,
    /// <summary>Allocate only; no data follows.</summary>
    XAlloc = 0xE,
    /// <summary>Invalid page; no data follows.</summary>
    XTab = 0xF,
}
