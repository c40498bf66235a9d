// A boot bundle for a boot test: xl.cfg texts and files (guest kernels, ramdisks) packed by Xen.Core's
// CpioNewcWriter into a cpio in a scratch folder that disappears with the bundle.
using System.Text;
using Xen.Core.Boot.Bundle;

namespace Xen.Boot.Tests.Harness;

/// <summary>Builds a cpio (newc) boot bundle on disk for QEMU's -initrd.</summary>
public sealed class TestBundle : IDisposable
{
    private readonly CpioNewcWriter _writer = new();
    private readonly string _scratch = Directory.CreateTempSubdirectory("xen-bundle-").FullName;

    /// <summary>Adds an xl.cfg-syntax file.</summary>
    public TestBundle Config(string name, string text)
    {
        _writer.AddFile(name, Encoding.ASCII.GetBytes(text));
        return this;
    }

    /// <summary>Adds the file at <paramref name="path"/> under <paramref name="name"/>.</summary>
    public TestBundle File(string name, string path) => Bytes(name, System.IO.File.ReadAllBytes(path));

    /// <summary>Adds <paramref name="data"/> under <paramref name="name"/>.</summary>
    public TestBundle Bytes(string name, byte[] data)
    {
        _writer.AddFile(name, data);
        return this;
    }

    /// <summary>Writes the archive; returns its path.</summary>
    public string Write()
    {
        string path = Path.Combine(_scratch, "bundle.cpio");
        System.IO.File.WriteAllBytes(path, _writer.Finish());
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
