// #VMEXIT handling for SvmVcpu, by exit code (AMD APM vol. 2 appendix C). EXITINFO meanings:
//   IOIO (§15.10.2): EXITINFO1 bit 0 = IN, bit 2 = string, bit 3 = REP, bits 4-6 = size 1/2/4, bits 16-31 = port;
//                    EXITINFO2 = RIP of the next instruction.
//   MSR (§15.11):    EXITINFO1 = 0 RDMSR, 1 WRMSR; ECX = MSR, EDX:EAX = value.
//   NPF (§15.25.6):  EXITINFO1 = page-fault error code, EXITINFO2 = faulting guest-physical address.
//   Exceptions:      EXITINFO1 = error code, EXITINFO2 = CR2 for #PF.
using Xen.Arch.X86.Guest;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Arch.X86.Svm;

public sealed unsafe partial class SvmVcpu
{
    private const uint MsrEfer = 0xC0000080, MsrPat = 0x277;
    // EFER bits a guest may set: SCE 0, LME 8, NXE 11, FFXSR 14 (LMA 10 is the CPU's, SVME 12 is ours).
    private const ulong EferGuestWritable = (1UL << 0) | (1UL << 8) | (1UL << 11) | (1UL << 14);

    /// <summary>Handles the exit in the VMCB; returns Kind None when the guest can simply continue.</summary>
    private VcpuExit HandleExit(ulong code)
    {
        switch (code)
        {
            case SvmExitCode.Vmmcall:
                if (_vmcb.Cpl != 0)
                {
                    // Xen: hypercalls from guest user mode fail with -EPERM.
                    _lastHypercallCompat = !Is64BitMode;
                    CompleteHypercall(-XenErrno.EPERM);
                    return default;
                }
                return DecodeHypercall();
            case SvmExitCode.Cpuid:
                EmulateCpuid();
                return default;
            case SvmExitCode.Msr:
                EmulateMsr(_vmcb.ExitInfo1 == 1);
                return default;
            case SvmExitCode.Ioio:
                return DecodeIo();
            case SvmExitCode.Hlt:
                _nextRip = _vmcb.Rip + 1;
                return new VcpuExit { Kind = VcpuExitKind.Halt };
            case SvmExitCode.Npf:
            {
                ulong gpa = _vmcb.ExitInfo2;
                ulong gfn = gpa / 4096;
                // First guest touch of a P2M chunk the nested tables do not map yet (lazy scrubbing; the chunk may
                // already be scrubbed by a hypercall or the loader): scrub, map, resume.
                if (_vcpu.Domain.P2m.HostPage(gfn) != 0 && _vcpu.Domain.ArchState is SvmDomainState state &&
                    !state.Tables.TryTranslate(gpa, out _) && state.Tables.MapChunk(_vcpu.Domain.P2m, gfn))
                    return default;
                bool inside = _vcpu.Domain.P2m.IsMapped(gpa, 1);
                return new VcpuExit
                {
                    Kind = VcpuExitKind.Fault, Address = gpa,
                    Reason = inside ? "nested page fault on a mapped page" : "access outside the P2M (nested page fault)",
                };
            }
            case SvmExitCode.Shutdown:
                return new VcpuExit { Kind = VcpuExitKind.Shutdown, Reason = "triple fault (SHUTDOWN intercept)" };
            case SvmExitCode.Intr:
            case SvmExitCode.Nmi:
            case SvmExitCode.Smi:
            case SvmExitCode.Init:
            case SvmExitCode.Vintr:
                return default; // physical events: the host takes them when it re-enables them
            case SvmExitCode.Invd:
                _vmcb.Rip += 2; // INVD (0F 08) would discard dirty lines the host owns: do nothing
                return default;
            case SvmExitCode.Vmrun:
            case SvmExitCode.Vmload:
            case SvmExitCode.Vmsave:
            case SvmExitCode.Stgi:
            case SvmExitCode.Clgi:
            case SvmExitCode.Skinit:
                Inject(6, hasErrorCode: false, 0); // SVM is hidden from guests: #UD
                return default;
            case SvmExitCode.Xsetbv:
                // Extended (AVX…) state is not switched between guests yet and XSAVE is hidden in CPUID, so the
                // guest may not grow XCR0: XSETBV raises #UD as on a CPU without XSAVE.
                Inject(6, hasErrorCode: false, 0);
                return default;
            case SvmExitCode.Invalid:
                return new VcpuExit { Kind = VcpuExitKind.Fault, Reason = "VMRUN refused the guest state (VMEXIT_INVALID)" };
        }
        if (code >= SvmExitCode.ExceptionBase && code < SvmExitCode.ExceptionBase + 32)
        {
            ReflectException((int)(code - SvmExitCode.ExceptionBase));
            return default;
        }
        return new VcpuExit { Kind = VcpuExitKind.Fault, Reason = "unhandled #VMEXIT code" };
    }

    private void EmulateCpuid()
    {
        uint leaf = (uint)_vmcb.Rax, subleaf = (uint)_block->Rcx;
        CpuidResult r;
        if (XenCpuid.IsHypervisorLeaf(leaf))
            r = XenCpuid.HypervisorLeaf(leaf, subleaf, _vcpu.Id, _vcpu.Domain.Id);
        else
        {
            r = _hardware.HostCpuid(leaf, subleaf);
            XenCpuid.FilterHostLeaf(leaf, ref r);
        }
        _vmcb.Rax = r.Eax;
        _block->Rbx = r.Ebx;
        _block->Rcx = r.Ecx;
        _block->Rdx = r.Edx;
        _vmcb.Rip += 2; // CPUID is 0F A2
    }

    private void EmulateMsr(bool write)
    {
        uint msr = (uint)_block->Rcx;
        ulong value = (_block->Rdx << 32) | (uint)_vmcb.Rax;
        bool ok = write ? WriteMsr(msr, value) : ReadMsr(msr, out value);
        if (!ok) { Inject(13, hasErrorCode: true, 0); return; } // #GP(0), RIP stays on the instruction
        if (!write)
        {
            _vmcb.Rax = (uint)value;
            _block->Rdx = value >> 32;
        }
        _vmcb.Rip += 2; // RDMSR 0F 32, WRMSR 0F 30
    }

    private bool ReadMsr(uint msr, out ulong value)
    {
        value = 0;
        switch (msr)
        {
            case MsrEfer: value = _vmcb.Efer & ~EferSvme; return true;
            case MsrPat: value = _vmcb.GuestPat; return true;
            default: return false;
        }
    }

    private bool WriteMsr(uint msr, ulong value)
    {
        switch (msr)
        {
            case MsrEfer:
                if ((value & ~(EferGuestWritable | EferLma)) != 0) return false;
                _vmcb.Efer = (value & EferGuestWritable) | (_vmcb.Efer & EferLma) | EferSvme;
                return true;
            case MsrPat:
                for (int i = 0; i < 8; i++)
                {
                    ulong type = (value >> (i * 8)) & 0xFF;
                    if (type == 2 || type == 3 || type > 7) return false; // reserved memory types
                }
                _vmcb.GuestPat = value;
                return true;
            case XenCpuidLeaves.HypercallPageMsr:
                return InstallHypercallPage(value);
            default:
                return false;
        }
    }

    // The MSR value is the page's guest-physical address; its low 12 bits select the page (only page 0 exists).
    private bool InstallHypercallPage(ulong value)
    {
        if ((value & 0xFFF) != 0) return false;
        byte* page = stackalloc byte[4096];
        HypercallPage.Fill(new System.Span<byte>(page, 4096));
        return _vcpu.Domain.P2m.Write(value, new System.ReadOnlySpan<byte>(page, 4096)) == 0;
    }

    private VcpuExit DecodeIo()
    {
        ulong info = _vmcb.ExitInfo1;
        _nextRip = _vmcb.ExitInfo2;
        if ((info & 4) != 0)
        {
            // String I/O (INS/OUTS) is not emulated: the instruction is skipped, ports have no devices anyway.
            _vmcb.Rip = _nextRip;
            return default;
        }
        byte size = (info & 0x10) != 0 ? (byte)1 : (info & 0x20) != 0 ? (byte)2 : (byte)4;
        _lastWasPortIn = (info & 1) != 0;
        _lastPortSize = size;
        ulong mask = size == 1 ? 0xFFUL : size == 2 ? 0xFFFFUL : 0xFFFFFFFFUL;
        return new VcpuExit
        {
            Kind = VcpuExitKind.PortIo, Port = (ushort)(info >> 16), Size = size, IsWrite = !_lastWasPortIn,
            Value = (uint)(_vmcb.Rax & mask),
        };
    }

    private void ReflectException(int vector)
    {
        bool hasError = vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21;
        if (vector == 14) _vmcb.Cr2 = _vmcb.ExitInfo2;
        Inject(vector, hasError, (uint)_vmcb.ExitInfo1);
    }

    /// <summary>Queues exception <paramref name="vector"/> for the next entry (EVENTINJ type 3 = exception).</summary>
    private void Inject(int vector, bool hasErrorCode, uint errorCode)
    {
        _vmcb.EventInjection = (ulong)(uint)vector | (3UL << 8) | (hasErrorCode ? 1UL << 11 : 0) | (1UL << 31) |
            ((ulong)errorCode << 32);
    }
}
