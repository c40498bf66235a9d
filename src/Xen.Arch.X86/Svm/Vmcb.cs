// The Virtual Machine Control Block (AMD APM vol. 2, appendix B: "Layout of VMCB"): one 4 KiB page per
// vCPU, control area at 0x000-0x3FF (table B-1), state-save area from 0x400 (table B-2). Every field the
// hypervisor touches has a typed accessor here and nowhere else, so offsets live in exactly one file.
// Segment registers in the save area are 16 bytes: selector u16, attributes u16 (descriptor bits 40-47 in
// attr[7:0] and bits 52-55 (AVL, L, D/B, G) in attr[11:8]), limit u32, base u64.
namespace Xen.Arch.X86.Svm;

/// <summary>Typed access to a VMCB page.</summary>
public readonly unsafe struct Vmcb
{
    // Control area (APM vol. 2 table B-1).
    private const int InterceptCr = 0x000, InterceptDr = 0x004, InterceptExceptions = 0x008;
    private const int InterceptMisc1 = 0x00C, InterceptMisc2 = 0x010;
    private const int IopmBase = 0x040, MsrpmBase = 0x048, TscOffsetField = 0x050;
    private const int GuestAsid = 0x058, TlbControlField = 0x05C, VIntr = 0x060, InterruptShadowField = 0x068;
    private const int ExitCodeField = 0x070, ExitInfo1Field = 0x078, ExitInfo2Field = 0x080, ExitIntInfoField = 0x088;
    private const int NpEnable = 0x090, EventInjField = 0x0A8, NCr3Field = 0x0B0, CleanBits = 0x0C0, NextRipField = 0x0C8;
    private const int GuestInstructionBytes = 0x0D0;

    // State-save area (APM vol. 2 table B-2).
    /// <summary>Offsets of the segment registers in the save area.</summary>
    public const int Es = 0x400, Cs = 0x410, Ss = 0x420, Ds = 0x430, Fs = 0x440, Gs = 0x450,
        Gdtr = 0x460, Ldtr = 0x470, Idtr = 0x480, Tr = 0x490;
    private const int CplField = 0x4CB, EferField = 0x4D0;
    private const int Cr4Field = 0x548, Cr3Field = 0x550, Cr0Field = 0x558, Dr7Field = 0x560, Dr6Field = 0x568;
    private const int RflagsField = 0x570, RipField = 0x578, RspField = 0x5D8, RaxField = 0x5F8;
    private const int Cr2Field = 0x640, GPatField = 0x668;

    /// <summary>Misc intercept bits at 0x00C (APM vol. 2 table B-1).</summary>
    public const uint InterceptIntr = 1u << 0, InterceptNmi = 1u << 1, InterceptSmi = 1u << 2, InterceptInit = 1u << 3,
        InterceptVintr = 1u << 4, InterceptCpuid = 1u << 18, InterceptInvd = 1u << 22, InterceptHlt = 1u << 24,
        InterceptIoio = 1u << 27, InterceptMsr = 1u << 28, InterceptShutdown = 1u << 31;

    /// <summary>Intercept bits at 0x010: the SVM instructions (VMRUN is mandatory, APM 15.5.1).</summary>
    public const uint InterceptVmrun = 1u << 0, InterceptVmmcall = 1u << 1, InterceptVmload = 1u << 2,
        InterceptVmsave = 1u << 3, InterceptStgi = 1u << 4, InterceptClgi = 1u << 5, InterceptSkinit = 1u << 6,
        InterceptXsetbv = 1u << 13;

    private readonly byte* _page;

    /// <summary>Wraps the VMCB page at <paramref name="page"/> (its physical address is the same, identity map).</summary>
    public Vmcb(byte* page) { _page = page; }

    /// <summary>The page's address.</summary>
    public ulong Address => (ulong)_page;

#pragma warning disable CS1591 // field names are the APM's
    public uint CrIntercepts { get => U32(InterceptCr); set => U32(InterceptCr) = value; }
    public uint DrIntercepts { get => U32(InterceptDr); set => U32(InterceptDr) = value; }
    public uint ExceptionIntercepts { get => U32(InterceptExceptions); set => U32(InterceptExceptions) = value; }
    public uint MiscIntercepts1 { get => U32(InterceptMisc1); set => U32(InterceptMisc1) = value; }
    public uint MiscIntercepts2 { get => U32(InterceptMisc2); set => U32(InterceptMisc2) = value; }
    public ulong IopmBasePa { get => U64(IopmBase); set => U64(IopmBase) = value; }
    public ulong MsrpmBasePa { get => U64(MsrpmBase); set => U64(MsrpmBase) = value; }
    public ulong TscOffset { get => U64(TscOffsetField); set => U64(TscOffsetField) = value; }
    public uint Asid { get => U32(GuestAsid); set => U32(GuestAsid) = value; }
    /// <summary>TLB_CONTROL: 0 nothing, 1 flush the whole TLB on VMRUN.</summary>
    public byte TlbControl { get => _page[TlbControlField]; set => _page[TlbControlField] = value; }
    /// <summary>V_TPR, V_IRQ (bit 8), V_INTR_MASKING (bit 24) …</summary>
    public ulong VirtualInterrupt { get => U64(VIntr); set => U64(VIntr) = value; }
    public ulong InterruptShadow { get => U64(InterruptShadowField); set => U64(InterruptShadowField) = value; }
    public ulong ExitCode { get => U64(ExitCodeField); set => U64(ExitCodeField) = value; }
    public ulong ExitInfo1 { get => U64(ExitInfo1Field); set => U64(ExitInfo1Field) = value; }
    public ulong ExitInfo2 { get => U64(ExitInfo2Field); set => U64(ExitInfo2Field) = value; }
    public ulong ExitIntInfo { get => U64(ExitIntInfoField); set => U64(ExitIntInfoField) = value; }
    /// <summary>NP_ENABLE (bit 0).</summary>
    public ulong NestedPagingControl { get => U64(NpEnable); set => U64(NpEnable) = value; }
    /// <summary>EVENTINJ: vector [7:0], type [10:8], EV [11], V [31], error code [63:32] (APM 15.20).</summary>
    public ulong EventInjection { get => U64(EventInjField); set => U64(EventInjField) = value; }
    public ulong NestedCr3 { get => U64(NCr3Field); set => U64(NCr3Field) = value; }
    public uint VmcbCleanBits { get => U32(CleanBits); set => U32(CleanBits) = value; }
    /// <summary>nRIP (only with the NRIPS feature, which QEMU TCG lacks).</summary>
    public ulong NextRip { get => U64(NextRipField); set => U64(NextRipField) = value; }
    public byte InstructionBytesFetched => _page[GuestInstructionBytes];

    public byte Cpl { get => _page[CplField]; set => _page[CplField] = value; }
    public ulong Efer { get => U64(EferField); set => U64(EferField) = value; }
    public ulong Cr0 { get => U64(Cr0Field); set => U64(Cr0Field) = value; }
    public ulong Cr2 { get => U64(Cr2Field); set => U64(Cr2Field) = value; }
    public ulong Cr3 { get => U64(Cr3Field); set => U64(Cr3Field) = value; }
    public ulong Cr4 { get => U64(Cr4Field); set => U64(Cr4Field) = value; }
    public ulong Dr6 { get => U64(Dr6Field); set => U64(Dr6Field) = value; }
    public ulong Dr7 { get => U64(Dr7Field); set => U64(Dr7Field) = value; }
    public ulong Rflags { get => U64(RflagsField); set => U64(RflagsField) = value; }
    public ulong Rip { get => U64(RipField); set => U64(RipField) = value; }
    public ulong Rsp { get => U64(RspField); set => U64(RspField) = value; }
    public ulong Rax { get => U64(RaxField); set => U64(RaxField) = value; }
    public ulong GuestPat { get => U64(GPatField); set => U64(GPatField) = value; }
#pragma warning restore CS1591

    /// <summary>Sets segment register <paramref name="offset"/> (one of <see cref="Cs"/> …).</summary>
    public void SetSegment(int offset, ushort selector, ushort attributes, uint limit, ulong baseAddress)
    {
        *(ushort*)(_page + offset) = selector;
        *(ushort*)(_page + offset + 2) = attributes;
        *(uint*)(_page + offset + 4) = limit;
        *(ulong*)(_page + offset + 8) = baseAddress;
    }

    /// <summary>Selector of a segment register.</summary>
    public ushort SegmentSelector(int offset) => *(ushort*)(_page + offset);

    /// <summary>Attributes of a segment register.</summary>
    public ushort SegmentAttributes(int offset) => *(ushort*)(_page + offset + 2);

    /// <summary>Limit of a segment register.</summary>
    public uint SegmentLimit(int offset) => *(uint*)(_page + offset + 4);

    /// <summary>Base of a segment register.</summary>
    public ulong SegmentBase(int offset) => *(ulong*)(_page + offset + 8);

    /// <summary>Zeroes the whole page.</summary>
    public void Clear()
    {
        for (int i = 0; i < 4096; i += 8) *(ulong*)(_page + i) = 0;
    }

    private ref uint U32(int offset) => ref *(uint*)(_page + offset);
    private ref ulong U64(int offset) => ref *(ulong*)(_page + offset);
}
