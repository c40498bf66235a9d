// A one-vCPU domain whose backend is only a register block in native memory: enough for the exit handler,
// PSCI and device models, which never enter a guest.
using System.Runtime.InteropServices;
using Xen.Arch.Arm.Virtualization;
using Xen.Core.Domains;
using Xen.Core.Memory;

namespace Xen.Arch.Arm.Tests.Virtualization;

internal sealed unsafe class TestVcpu : IVcpuBackend, IArmVcpu, IDisposable
{
    public TestVcpu(int vcpus = 1)
    {
        Console = new CapturedConsole();
        Domain = new Domain(1, "d1", new P2m(16), vcpus, Console);
        Context = (VcpuContext*)NativeMemory.AllocZeroed((nuint)sizeof(VcpuContext));
        for (int i = 0; i < vcpus; i++)
        {
            Domain.Vcpus[i].Backend = i == 0 ? this : new TestVcpuPeer();
            Domain.Vcpus[i].State = i == 0 ? VcpuState.Runnable : VcpuState.Down;
        }
        Mmio = new ArmDomainState(0x1000, 1);
    }

    public CapturedConsole Console { get; }
    public Domain Domain { get; }
    public Vcpu Vcpu => Domain.Vcpus[0];
    public ArmDomainState Mmio { get; }
    public VcpuContext* Context { get; }

    /// <summary>Fakes an exit: vector 8 with the given syndrome.</summary>
    public bool Exit(ulong esr, out VcpuExit exit, ulong hpfar = 0, ulong far = 0, ulong vector = GuestExitHandler.VectorSync)
    {
        Context->Vector = vector;
        Context->Esr = esr;
        Context->Hpfar = hpfar;
        Context->Far = far;
        return GuestExitHandler.Handle(Vcpu, Context, Mmio.Mmio, out exit);
    }

    public void LoadBootState(in VcpuBootState state) { }
    public VcpuExit Run() => default;
    public void CompleteHypercall(long result) => HypercallRegisters.Complete(Context, result);
    public void CompletePortIo(uint value) { }
    public void SkipInstruction() => Context->Pc += 4;
    public bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical) { guestPhysical = linear; return true; }
    public void DumpState() { }
    public void Dispose() => NativeMemory.Free(Context);

    private sealed class TestVcpuPeer : IVcpuBackend, IArmVcpu
    {
        public TestVcpuPeer() => Context = (VcpuContext*)NativeMemory.AllocZeroed((nuint)sizeof(VcpuContext));
        public VcpuContext* Context { get; }
        public void LoadBootState(in VcpuBootState state) { }
        public VcpuExit Run() => default;
        public void CompleteHypercall(long result) { }
        public void CompletePortIo(uint value) { }
        public void SkipInstruction() { }
        public bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical) { guestPhysical = linear; return true; }
        public void DumpState() { }
    }
}
