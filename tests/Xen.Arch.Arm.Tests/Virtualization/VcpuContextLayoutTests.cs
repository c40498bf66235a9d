using Xen.Arch.Arm.Virtualization;

namespace Xen.Arch.Arm.Tests.Virtualization;

// GuestEntry.s addresses the block by constant offsets: they must match the struct.
public sealed unsafe class VcpuContextLayoutTests
{
    [Fact]
    public void Offsets_used_by_the_assembly_match_the_struct()
    {
        VcpuContext c = default;
        byte* b = (byte*)&c;
        Assert.Equal(VcpuContext.Size, sizeof(VcpuContext));
        Assert.Equal(VcpuContext.OffsetX, (int)((byte*)c.X - b));
        Assert.Equal(16 * 8, (int)((byte*)&c.X[16] - b));
        Assert.Equal(VcpuContext.OffsetPc, (int)((byte*)&c.Pc - b));
        Assert.Equal(VcpuContext.OffsetPc + 8, (int)((byte*)&c.Pstate - b));
        Assert.Equal(VcpuContext.OffsetEsr, (int)((byte*)&c.Esr - b));
        Assert.Equal(VcpuContext.OffsetEsr + 8, (int)((byte*)&c.Far - b));
        Assert.Equal(VcpuContext.OffsetEsr + 16, (int)((byte*)&c.Hpfar - b));
        Assert.Equal(VcpuContext.OffsetVector, (int)((byte*)&c.Vector - b));
        Assert.Equal(VcpuContext.OffsetHost, (int)((byte*)c.Host - b));
        Assert.Equal(VcpuContext.OffsetHostSp, (int)((byte*)&c.HostSp - b));
        Assert.Equal(VcpuContext.OffsetHostFp, (int)((byte*)c.HostFp - b));
        Assert.Equal(VcpuContext.OffsetFp, (int)((byte*)c.Fp - b));
        Assert.Equal(VcpuContext.OffsetFpsr, (int)((byte*)&c.Fpsr - b));
        Assert.Equal(VcpuContext.OffsetFpsr + 8, (int)((byte*)&c.Fpcr - b));
        Assert.Equal(VcpuContext.OffsetEl1, (int)((byte*)c.El1 - b));
        Assert.Equal(VcpuContext.OffsetVttbr, (int)((byte*)&c.Vttbr - b));
        Assert.Equal(VcpuContext.OffsetVttbr + 8, (int)((byte*)&c.Hcr - b));
        Assert.Equal(VcpuContext.OffsetVttbr + 16, (int)((byte*)&c.Vmpidr - b));
        // The assembly switches 25 EL1 registers (12 pairs + CNTV_CVAL_EL0 at +192) inside the 26-slot block.
        Assert.Equal(24, (int)El1Register.CntvCval);
        Assert.Equal(VcpuContext.El1RegisterCount, (int)El1Register.Reserved + 1);
        Assert.True(VcpuContext.OffsetEl1 + VcpuContext.El1RegisterCount * 8 <= VcpuContext.OffsetVttbr);
    }

    [Fact]
    public void Assembly_constants_match_the_struct()
    {
        string asm = File.ReadAllText(Path.Combine(RepoRoot(), "src/Xen.Arch.Arm/Virtualization/GuestEntry.s"));
        Assert.Contains($".equ\tCTX_PC, {VcpuContext.OffsetPc}", asm);
        Assert.Contains($".equ\tCTX_ESR, {VcpuContext.OffsetEsr}", asm);
        Assert.Contains($".equ\tCTX_VECTOR, {VcpuContext.OffsetVector}", asm);
        Assert.Contains($".equ\tCTX_HOST, {VcpuContext.OffsetHost}", asm);
        Assert.Contains($".equ\tCTX_HOST_SP, {VcpuContext.OffsetHostSp}", asm);
        Assert.Contains($".equ\tCTX_HOST_FP, {VcpuContext.OffsetHostFp}", asm);
        Assert.Contains($".equ\tCTX_FP, {VcpuContext.OffsetFp}", asm);
        Assert.Contains($".equ\tCTX_FPSR, {VcpuContext.OffsetFpsr}", asm);
        Assert.Contains($".equ\tCTX_EL1, {VcpuContext.OffsetEl1}", asm);
        Assert.Contains($".equ\tCTX_VTTBR, {VcpuContext.OffsetVttbr}", asm);
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Xen.slnx"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
