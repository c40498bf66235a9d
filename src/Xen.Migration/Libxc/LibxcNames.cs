// Why: dumps and errors use the spec's record names (PAGE_DATA, X86_TSC_INFO, ...).
using System.Globalization;

namespace Xen.Migration.Libxc;

/// <summary>Spec names of libxc record and page types.</summary>
public static class LibxcNames
{
    private static readonly string[] RecordNames =
    [
        "END", "PAGE_DATA", "X86_PV_INFO", "X86_PV_P2M_FRAMES", "X86_PV_VCPU_BASIC", "X86_PV_VCPU_EXTENDED",
        "X86_PV_VCPU_XSAVE", "SHARED_INFO", "X86_TSC_INFO", "HVM_CONTEXT", "HVM_PARAMS", "TOOLSTACK",
        "X86_PV_VCPU_MSRS", "VERIFY", "CHECKPOINT", "CHECKPOINT_DIRTY_PFN_LIST", "STATIC_DATA_END",
        "X86_CPUID_POLICY", "X86_MSR_POLICY",
    ];

    /// <summary>Name of a record type, or "OPTIONAL_0x..."/"UNKNOWN_0x..." for types not in the spec.</summary>
    public static string Of(uint type) => type < RecordNames.Length
        ? RecordNames[type]
        : string.Create(CultureInfo.InvariantCulture, $"{((type & 0x8000_0000u) != 0 ? "OPTIONAL" : "UNKNOWN")}_0x{type:x8}");

    /// <summary>Name of a page type, e.g. "NOTAB", "L1TAB_PIN", "XTAB".</summary>
    public static string Of(PageType type) => type switch
    {
        PageType.NoTab => "NOTAB",
        PageType.L1Tab => "L1TAB",
        PageType.L2Tab => "L2TAB",
        PageType.L3Tab => "L3TAB",
        PageType.L4Tab => "L4TAB",
        PageType.L1TabPin => "L1TAB_PIN",
        PageType.L2TabPin => "L2TAB_PIN",
        PageType.L3TabPin => "L3TAB_PIN",
        PageType.L4TabPin => "L4TAB_PIN",
        PageType.Broken => "BROKEN",
        PageType.XAlloc => "XALLOC",
        PageType.XTab => "XTAB",
        _ => string.Create(CultureInfo.InvariantCulture, $"RESERVED_0x{(byte)type:x}"),
    };
}
