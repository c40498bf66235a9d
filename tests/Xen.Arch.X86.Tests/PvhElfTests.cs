using System.Buffers.Binary;
using Xen.ImageTool;

namespace Xen.Arch.X86.Tests;

/// <summary>The image tool's readers reject what the pipeline did not produce.</summary>
public sealed class PvhElfTests
{
    [Fact]
    public void Garbage_input_is_rejected_with_a_clear_error()
    {
        Assert.Throws<ImageFormatException>(() => PeImage.Parse(new byte[128]));
        Assert.Throws<ImageFormatException>(() => ElfImage.Parse(new byte[128]));
        byte[] mz = new byte[256];
        mz[0] = (byte)'M'; mz[1] = (byte)'Z'; mz[0x3C] = 0x80;
        Assert.Throws<ImageFormatException>(() => PeImage.Parse(mz));
    }
}
