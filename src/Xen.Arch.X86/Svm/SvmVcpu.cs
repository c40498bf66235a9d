// One vCPU on AMD SVM: the VMCB, the register block VmRun.s uses, and the exit loop. Exits that are pure
// x86 business (CPUID, MSRs, exceptions, SVM instructions, interrupts) are handled here; hypercalls, port
// I/O, HLT, fatal faults and shutdown go to Xen.Core as VcpuExits (shared/DESIGN.md §4). Instruction
// lengths are known per exit because QEMU TCG has no nRIP-save (shared/notes/toolchain-x86.md): VMMCALL 3,
// CPUID/RDMSR/WRMSR 2, HLT 1, IOIO from EXITINFO2.
using Xen.Arch.X86.Guest;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Scheduling;

namespace Xen.Arch.X86.Svm;

/// <summary>SVM implementation of <see cref="IVcpuBackend"/>.</summary>
public sealed unsafe partial class SvmVcpu : IVcpuBackend
{
    /// <summary>Internal exits handled before control returns to the scheduler anyway (fairness).</summary>
    public const int InternalExitBudget = 1024;

    private const ulong EferLma = 1UL << 10, EferSvme = 1UL << 12;
    private const ushort CsLongMode = 1 << 9;

    private readonly Vcpu _vcpu;
    private readonly Vmcb _vmcb;
    private readonly SvmRunBlock* _block;
    private readonly ISvmHardware _hardware;
    private readonly ExitStatistics _statistics;
    private readonly IConsoleOutput _output;
    private ulong _nextRip;
    private ulong _lastExitCode;
    private ulong _lastExitTsc;
    private bool _lastWasPortIn;
    private byte _lastPortSize;
    private bool _lastHypercallCompat;
    private bool _flushTlb = true;
    private readonly AsidSpace _asids;
    private AsidTag _asidTag = AsidTag.None;

    /// <summary>Creates the vCPU over a zeroed VMCB page and run block page (physical = virtual addresses).</summary>
    public SvmVcpu(Vcpu vcpu, byte* vmcbPage, SvmRunBlock* block, ulong hostSaveArea, in SvmDomainResources resources,
        ISvmHardware hardware, ExitStatistics statistics, IConsoleOutput output)
    {
        _vcpu = vcpu;
        _vmcb = new Vmcb(vmcbPage);
        _block = block;
        _hardware = hardware;
        _statistics = statistics;
        _output = output;
        _asids = resources.Asids;
        block->GuestVmcb = (ulong)vmcbPage;
        block->HostSaveArea = hostSaveArea;
        // A valid initial FPU image: FCW 0x37F, MXCSR 0x1F80 (power-on values), everything else zero.
        byte* fx = (byte*)block + SvmRunBlock.GuestFxOffset;
        *(ushort*)(fx + SvmRunBlock.FxFcw) = 0x37F;
        *(uint*)(fx + SvmRunBlock.FxMxcsr) = 0x1F80;
        SetupControls(resources);
    }

    /// <summary>The VMCB (tests and dumps).</summary>
    public Vmcb Vmcb => _vmcb;

    /// <summary>The register block.</summary>
    public SvmRunBlock* Registers => _block;

    private void SetupControls(in SvmDomainResources resources)
    {
        _vmcb.MiscIntercepts1 = Vmcb.InterceptIntr | Vmcb.InterceptNmi | Vmcb.InterceptSmi | Vmcb.InterceptInit |
            Vmcb.InterceptVintr | Vmcb.InterceptCpuid | Vmcb.InterceptInvd | Vmcb.InterceptHlt | Vmcb.InterceptIoio | Vmcb.InterceptMsr |
            Vmcb.InterceptShutdown;
        _vmcb.MiscIntercepts2 = Vmcb.InterceptVmrun | Vmcb.InterceptVmmcall | Vmcb.InterceptVmload | Vmcb.InterceptVmsave |
            Vmcb.InterceptStgi | Vmcb.InterceptClgi | Vmcb.InterceptSkinit | Vmcb.InterceptXsetbv;
        _vmcb.IopmBasePa = resources.IoPermissionMap;
        _vmcb.MsrpmBasePa = resources.MsrPermissionMap;
        _vmcb.NestedPagingControl = 1;
        // V_INTR_MASKING (VMCB 0x60 bit 24, APM vol. 2 §15.21.1): the guest's RFLAGS.IF masks only virtual
        // interrupts, so a host tick or kick always forces an INTR exit, even from a guest spinning with IF=0.
        _vmcb.VirtualInterrupt |= 1UL << 24;
        _vmcb.NestedCr3 = resources.NestedCr3;
        _vmcb.GuestPat = 0x0007040600070406; // power-on PAT (APM vol. 2 §7.8.2)
    }

    /// <inheritdoc />
    public void LoadBootState(in VcpuBootState state)
    {
        // docs/misc/pvh.pandoc: 32-bit flat protected mode, paging off, CR0 = PE (ET reads as 1), CR4 = 0,
        // EBX = start info, IF/TF/VM clear; TR a 32-bit busy TSS with base 0 and limit 0x67.
        // Attributes: 0xC9B = G|D|P|S|code read/exec accessed; 0xC93 = G|D|P|S|data r/w accessed.
        _vmcb.SetSegment(Vmcb.Cs, 0x08, 0xC9B, 0xFFFFFFFF, 0);
        _vmcb.SetSegment(Vmcb.Ds, 0x10, 0xC93, 0xFFFFFFFF, 0);
        _vmcb.SetSegment(Vmcb.Es, 0x10, 0xC93, 0xFFFFFFFF, 0);
        _vmcb.SetSegment(Vmcb.Ss, 0x10, 0xC93, 0xFFFFFFFF, 0);
        _vmcb.SetSegment(Vmcb.Fs, 0x10, 0xC93, 0xFFFFFFFF, 0);
        _vmcb.SetSegment(Vmcb.Gs, 0x10, 0xC93, 0xFFFFFFFF, 0);
        _vmcb.SetSegment(Vmcb.Tr, 0, 0x8B, 0x67, 0);
        _vmcb.SetSegment(Vmcb.Ldtr, 0, 0x82, 0xFFFF, 0);
        _vmcb.SetSegment(Vmcb.Gdtr, 0, 0, 0xFFFF, 0);
        _vmcb.SetSegment(Vmcb.Idtr, 0, 0, 0xFFFF, 0);
        _vmcb.Cpl = 0;
        _vmcb.Cr0 = 0x11;           // PE | ET
        _vmcb.Cr4 = 0;
        _vmcb.Cr3 = 0;
        _vmcb.Efer = EferSvme;      // SVME must stay set in the guest EFER (APM vol. 2 §15.5.1)
        _vmcb.Dr6 = 0xFFFF0FF0;
        _vmcb.Dr7 = 0x400;
        _vmcb.Rflags = 2;           // reserved bit 1
        _vmcb.Rip = state.EntryPoint;
        _vmcb.Rsp = 0;
        _vmcb.Rax = 0;
        _block->Rbx = state.BootInfoAddress;
        if (state.Mode != VcpuBootMode.Hvm32 && state.Mode != VcpuBootMode.Hvm64) return;
        // VCPUOP_initialise (Xen 4.7 arch_set_info_hvm_guest, validated in Xen.Core): the guest's registers on
        // top of the reset state above. hvm_vcpu.h's _ar layout is the VMCB attribute layout; selectors are 0 as
        // in Xen; CPL follows SS.DPL; CR0.ET reads as 1; EFER keeps SVME.
        _vmcb.SetSegment(Vmcb.Cs, 0, state.Cs.Attributes, state.Cs.Limit, state.Cs.Base);
        _vmcb.SetSegment(Vmcb.Ds, 0, state.Ds.Attributes, state.Ds.Limit, state.Ds.Base);
        _vmcb.SetSegment(Vmcb.Es, 0, state.Es.Attributes, state.Es.Limit, state.Es.Base);
        _vmcb.SetSegment(Vmcb.Ss, 0, state.Ss.Attributes, state.Ss.Limit, state.Ss.Base);
        _vmcb.SetSegment(Vmcb.Tr, 0, state.Tr.Attributes, state.Tr.Limit, state.Tr.Base);
        _vmcb.Cpl = (byte)((state.Ss.Attributes >> 5) & 3);
        _vmcb.Cr0 = state.Cr0 | 0x10;
        _vmcb.Cr3 = state.Cr3;
        _vmcb.Cr4 = state.Cr4;
        _vmcb.Efer = state.Efer | EferSvme;
        _vmcb.Rflags = state.Rflags | 2;
        _vmcb.Rsp = state.Rsp;
        _vmcb.Rax = state.Rax;
        _block->Rbx = state.Rbx;
        _block->Rcx = state.Rcx;
        _block->Rdx = state.Rdx;
        _block->Rsi = state.Rsi;
        _block->Rdi = state.Rdi;
        _block->Rbp = state.Rbp;
        _flushTlb = true;
    }

    /// <inheritdoc />
    public VcpuExit Run()
    {
        for (int budget = 0; budget < InternalExitBudget; budget++)
        {
            ulong now = _hardware.ReadTsc();
            if (_lastExitTsc != 0) _statistics.AddCycles(_lastExitCode, now - _lastExitTsc);
            DeliverUpcall();
            byte control = _asids.Assign(_hardware.CurrentCpu, ref _asidTag);
            _vmcb.Asid = _asidTag.Asid;
            _vmcb.TlbControl = _flushTlb ? (byte)1 : control;
            _flushTlb = false;
            _block->HostSaveArea = _hardware.HostVmsaveArea;
            // Only the guest's own execution runs without the host lock (Scheduling/HostLock.cs).
            bool locked = HostLock.ReleaseIfHeld();
            _hardware.Run(_block);
            if (locked) HostLock.Acquire();
            _lastExitTsc = _hardware.ReadTsc();
            ulong code = _vmcb.ExitCode;
            _lastExitCode = code;
            _statistics.Count(code);
            // An event the exit interrupted is delivered again on the next entry (APM vol. 2 §15.7.2).
            ulong pending = _vmcb.ExitIntInfo;
            _vmcb.EventInjection = (pending & (1UL << 31)) != 0 ? pending : 0;
            VcpuExit exit = HandleExit(code);
            if (exit.Kind != VcpuExitKind.None || code == SvmExitCode.Intr || code == SvmExitCode.Nmi) return exit;
        }
        return default;
    }

    /// <summary>Flushes this vCPU's guest TLB entries on its next entry (after its domain's second-stage
    /// mapping changed).</summary>
    public void RequestTlbFlush() => _flushTlb = true;

    /// <inheritdoc />
    public void CompleteHypercall(long result)
    {
        _vmcb.Rax = _lastHypercallCompat ? (uint)result : (ulong)result;
        _vmcb.Rip += 3; // VMMCALL is 0F 01 D9
    }

    /// <inheritdoc />
    public void CompletePortIo(uint value)
    {
        if (_lastWasPortIn)
        {
            ulong mask = _lastPortSize == 1 ? 0xFFUL : _lastPortSize == 2 ? 0xFFFFUL : 0xFFFFFFFFUL;
            // A 32-bit IN zero-extends into RAX; 8/16-bit INs merge into AL/AX.
            _vmcb.Rax = _lastPortSize == 4 ? value : (_vmcb.Rax & ~mask) | (value & mask);
        }
        _vmcb.Rip = _nextRip;
    }

    /// <inheritdoc />
    public void SkipInstruction() => _vmcb.Rip = _nextRip;

    /// <inheritdoc />
    public bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical)
    {
        var paging = new GuestPagingState { Cr0 = _vmcb.Cr0, Cr3 = _vmcb.Cr3, Cr4 = _vmcb.Cr4, Efer = _vmcb.Efer };
        return GuestPageWalker.TryTranslate(_vcpu.Domain.P2m, paging, linear, write, out guestPhysical);
    }

    private bool Is64BitMode => (_vmcb.Efer & EferLma) != 0 && (_vmcb.SegmentAttributes(Vmcb.Cs) & CsLongMode) != 0;

    private VcpuExit DecodeHypercall()
    {
        var exit = new VcpuExit { Kind = VcpuExitKind.Hypercall };
        _lastHypercallCompat = !Is64BitMode;
        if (_lastHypercallCompat)
        {
            // 32-bit ABI: eax = number, ebx, ecx, edx, esi, edi.
            exit.Hypercall = new HypercallArgs((uint)_vmcb.Rax, (uint)_block->Rbx, (uint)_block->Rcx, (uint)_block->Rdx,
                (uint)_block->Rsi, (uint)_block->Rdi) { IsCompat = true };
        }
        else
        {
            // 64-bit ABI: rax = number, rdi, rsi, rdx, r10, r8.
            exit.Hypercall = new HypercallArgs(_vmcb.Rax, _block->Rdi, _block->Rsi, _block->Rdx, _block->R10, _block->R8);
        }
        return exit;
    }

    /// <inheritdoc />
    public void DumpState() => SvmStateDump.Write(_output, _vmcb, _block, _lastExitCode);
}
