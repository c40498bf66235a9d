// A virtual CPU interface in memory for vGIC tests: list registers the test can read and rewrite the way the
// guest's acknowledge/EOI would, plus VMCR/AP1R0/HCR.
using Xen.Arch.Arm.Virtualization.Gic;

namespace Xen.Arch.Arm.Tests.Virtualization;

internal sealed class FakeGicCpuInterface(int listRegisters = 4) : IGicCpuInterface
{
    public ulong[] Lr { get; } = new ulong[16];
    public ulong Vmcr;
    public ulong Ap1r0;
    public ulong Control;
    public int ListRegisterCount => listRegisters;
    public VgicCpu? Loaded { get; set; }
    public ulong ReadListRegister(int index) => Lr[index];
    public void WriteListRegister(int index, ulong value) => Lr[index] = value;
    public ulong ReadVmcr() => Vmcr;
    public void WriteVmcr(ulong value) => Vmcr = value;
    public ulong ReadActivePriorities() => Ap1r0;
    public void WriteActivePriorities(ulong value) => Ap1r0 = value;
    public void WriteControl(ulong value) => Control = value;

    /// <summary>The guest acknowledges the interrupt in <paramref name="slot"/> (pending → active).</summary>
    public void Acknowledge(int slot) => Lr[slot] = ListRegister.WithState(Lr[slot], ListRegister.StateActive);

    /// <summary>The guest ends it (EOImode 0: the list register becomes invalid).</summary>
    public void End(int slot) => Lr[slot] = ListRegister.WithState(Lr[slot], ListRegister.StateInvalid);

    /// <summary>The slot holding <paramref name="intid"/> in a valid state, or -1.</summary>
    public int Find(uint intid)
    {
        for (int i = 0; i < listRegisters; i++)
            if (ListRegister.State(Lr[i]) != ListRegister.StateInvalid && ListRegister.Intid(Lr[i]) == intid) return i;
        return -1;
    }
}
