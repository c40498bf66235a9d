// Small ELF/arm64 Image stand-ins and archive helpers for the bundle tests. The bundle only looks at a
// kernel's magic, so a few bytes with the right header are enough.
using System.Text;
using Xen.Core.Boot.Bundle;

namespace Xen.Core.Tests.Boot.Bundle;

internal static class BundleSamples
{
    public static byte[] Elf(int size = 256, byte fill = 0x11)
    {
        byte[] b = new byte[size];
        Array.Fill(b, fill);
        b[0] = 0x7F; b[1] = (byte)'E'; b[2] = (byte)'L'; b[3] = (byte)'F';
        return b;
    }

    public static byte[] Arm64Image(int size = 128)
    {
        byte[] b = new byte[size];
        b[56] = (byte)'A'; b[57] = (byte)'R'; b[58] = (byte)'M'; b[59] = 0x64;
        return b;
    }

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static byte[] Archive(params (string Name, byte[] Data)[] files)
    {
        var w = new CpioNewcWriter();
        foreach ((string name, byte[] data) in files) w.AddFile(name, data);
        return w.Finish();
    }

    public static byte[] Archive(params (string Name, string Text)[] files)
    {
        var w = new CpioNewcWriter();
        foreach ((string name, string text) in files) w.AddFile(name, Ascii(text));
        return w.Finish();
    }

    public static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
