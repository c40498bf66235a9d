using Xen.Arch.Arm.Boot;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Tests;

public sealed class DeviceTreeGicTests
{
    private static (ulong Distributor, ulong Redistributor) Parse(FdtBuilder builder, out DeviceTreeStatus status)
    {
        byte[] blob = builder.Build();
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(blob, out DeviceTree tree));
        MemoryMap map = default;
        status = tree.Read(ref map, out DeviceTreeInfo info);
        return (info.GicDistributor, info.GicRedistributor);
    }

    private static FdtBuilder Tree(string compatible) => new FdtBuilder()
        .BeginNode("")
            .Cells("#address-cells", 2).Cells("#size-cells", 2)
            .BeginNode("memory@40000000").Cells("reg", 0, 0x40000000, 0, 0x10000000).String("device_type", "memory").EndNode()
            .BeginNode("intc@8000000")
                .Property("compatible", System.Text.Encoding.ASCII.GetBytes(compatible))
                .Cells("reg", 0, 0x08000000, 0, 0x10000, 0, 0x080A0000, 0, 0xF60000)
            .EndNode()
        .EndNode()
        .End();

    [Fact]
    public void The_gicv3_node_gives_the_distributor_and_redistributor_bases()
    {
        var gic = Parse(Tree("qcom,msm-qgic2\0arm,gic-v3\0"), out DeviceTreeStatus status);
        Assert.Equal(DeviceTreeStatus.Ok, status);
        Assert.Equal(0x08000000UL, gic.Distributor);
        Assert.Equal(0x080A0000UL, gic.Redistributor);
    }

    [Fact]
    public void A_gicv2_node_is_not_taken_for_a_gicv3()
    {
        var gic = Parse(Tree("arm,cortex-a15-gic\0"), out DeviceTreeStatus status);
        Assert.Equal(DeviceTreeStatus.Ok, status);
        Assert.Equal(0UL, gic.Distributor);
    }
}
