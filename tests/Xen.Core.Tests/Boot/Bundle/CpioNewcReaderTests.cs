// The newc reader: round trips with our writer, archives written by GNU cpio itself, and every error path
// (each answered with the right CpioError and offset, never an exception).
using System.Diagnostics;
using System.Text;
using Xen.Core.Boot.Bundle;

namespace Xen.Core.Tests.Boot.Bundle;

public sealed class CpioNewcReaderTests
{
    private static List<(string Name, byte[] Data, uint Mode)> ReadAll(byte[] archive, out CpioError error, out int offset)
    {
        var result = new List<(string, byte[], uint)>();
        var r = new CpioNewcReader(archive);
        while (r.Next(out CpioEntry e))
            result.Add((Encoding.ASCII.GetString(e.Name(archive)), e.Data(archive).ToArray(), e.Mode));
        error = r.Error;
        offset = r.ErrorOffset;
        Assert.True(error != CpioError.None || r.ReachedTrailer);
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(4097)]
    public void Round_trip_keeps_names_data_and_alignment(int size)
    {
        byte[] data = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        byte[] archive = new CpioNewcWriter().AddDirectory("boot").AddFile("boot/k", data).AddFile("a.cfg", BundleSamples.Ascii("name=\"x\""))
            .AddFile("odd-name-len", new byte[] { 1 }).Finish();
        var entries = ReadAll(archive, out CpioError error, out _);
        Assert.Equal(CpioError.None, error);
        Assert.Equal(new[] { "boot", "boot/k", "a.cfg", "odd-name-len" }, entries.Select(e => e.Name));
        Assert.Equal(data, entries[1].Data);
        Assert.Equal(0x41EDu, entries[0].Mode);
        Assert.True(new CpioEntry(0, 0, 0, 0, 0, entries[1].Mode).IsRegularFile);
        Assert.Equal(0, archive.Length % 4);
        var reader = new CpioNewcReader(archive);
        while (reader.Next(out CpioEntry e)) Assert.Equal(0, e.DataOffset % 4);
    }

    [Fact]
    public void Archives_written_by_gnu_cpio_read_the_same()
    {
        if (!File.Exists("/usr/bin/cpio")) return; // Debian has it; elsewhere this case is covered by the round trips
        string dir = Path.Combine(Path.GetTempPath(), "xen-cpio-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "boot"));
        try
        {
            byte[] kernel = BundleSamples.Elf(5003);
            File.WriteAllBytes(Path.Combine(dir, "boot", "vmlinuz"), kernel);
            File.WriteAllText(Path.Combine(dir, "web.cfg"), "name = \"web\"\nkernel = \"/boot/vmlinuz\"\nmemory = 256\n");
            File.WriteAllText(Path.Combine(dir, "db.cfg"), "name = 'db'\nkernel = 'boot/vmlinuz'\nvcpus = 2\nextra = \"console=hvc0\"\n");
            var psi = new ProcessStartInfo("/bin/sh", "-c \"find . | LC_ALL=C sort | cpio -o -H newc --quiet\"")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
            };
            using Process p = Process.Start(psi)!;
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            byte[] archive = ms.ToArray();
            Assert.Equal(0, archive.Length % 512); // GNU cpio pads to its block size after the trailer

            var entries = ReadAll(archive, out CpioError error, out _);
            Assert.Equal(CpioError.None, error);
            // GNU cpio drops the leading "./" that find prints; either spelling must work.
            Assert.Contains(entries, e => e.Name is "./boot/vmlinuz" or "boot/vmlinuz" && e.Data.SequenceEqual(kernel));
            Assert.Contains(entries, e => e.Name is "./boot" or "boot" && (e.Mode & 0xF000) == 0x4000);

            BootBundle bundle = BootBundle.Parse(archive, default);
            Assert.True(bundle.IsValid, string.Join("; ", bundle.Issues.Select(i => i.File + ":" + i.Line + " " + i.Message)));
            Assert.Equal(new[] { "db", "web" }, bundle.Domains.Select(d => d.Name)); // ./db.cfg sorts before ./web.cfg
            Assert.Equal(kernel, bundle.Domains[1].KernelIn(archive).ToArray());
            Assert.Equal(256UL, bundle.Domains[1].MemoryMiB);
            Assert.Equal(2, bundle.Domains[0].Vcpus);
            Assert.Equal("console=hvc0", BundleSamples.Text(bundle.Domains[0].CommandLine));

            // The same files through our writer parse to the same domains.
            byte[] ours = BundleSamples.Archive(("./boot/vmlinuz", kernel), ("./db.cfg", File.ReadAllBytes(Path.Combine(dir, "db.cfg"))),
                ("./web.cfg", File.ReadAllBytes(Path.Combine(dir, "web.cfg"))));
            BootBundle again = BootBundle.Parse(ours, default);
            Assert.Equal(bundle.Domains.Select(d => (d.Name, d.MemoryMiB, d.Vcpus, BundleSamples.Text(d.CommandLine))),
                again.Domains.Select(d => (d.Name, d.MemoryMiB, d.Vcpus, BundleSamples.Text(d.CommandLine))));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Gnu_cpio_lists_and_extracts_our_archives()
    {
        if (!File.Exists("/usr/bin/cpio")) return;
        byte[] kernel = BundleSamples.Elf(777);
        byte[] archive = new CpioNewcWriter().AddDirectory("boot").AddFile("boot/vmlinuz", kernel).AddFile("a.cfg", BundleSamples.Ascii("name='a'")).Finish();
        string dir = Path.Combine(Path.GetTempPath(), "xen-cpio-x-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "in.cpio"), archive);
            var psi = new ProcessStartInfo("/bin/sh", "-c \"cpio -idm --quiet < in.cpio && cpio -t --quiet < in.cpio\"")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
            };
            using Process p = Process.Start(psi)!;
            string listing = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            Assert.Equal(new[] { "boot", "boot/vmlinuz", "a.cfg" }, listing.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(kernel, File.ReadAllBytes(Path.Combine(dir, "boot", "vmlinuz")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static byte[] One(string name = "f", int size = 8) => BundleSamples.Archive((name, new byte[size]));

    private static void Expect(byte[] archive, CpioError expected, int offset)
    {
        ReadAll(archive, out CpioError error, out int at);
        Assert.Equal(expected, error);
        Assert.Equal(offset, at);
    }

    [Fact]
    public void Bad_magic_is_reported_at_the_header()
    {
        byte[] a = One();
        a[5] = (byte)'7';
        Expect(a, CpioError.BadMagic, 0);
        Assert.False(CpioNewcReader.LooksLikeCpio(a));
        byte[] b = One();
        int second = 112 + 8; // 110 + "f\0" = 112, data 8
        b[second] = (byte)'X';
        Expect(b, CpioError.BadMagic, second);
    }

    [Fact]
    public void A_non_hex_character_in_any_field_is_reported_where_it_is()
    {
        for (int field = 0; field < 13; field++)
        {
            byte[] a = One();
            int at = 6 + field * 8 + 3;
            a[at] = (byte)'g';
            Expect(a, CpioError.BadHexField, at);
        }
        byte[] lower = One();
        Encoding.ASCII.GetBytes("0000000a").CopyTo(lower, 6 + 6 * 8); // filesize in lower-case hex is fine
        ReadAll(lower, out CpioError e, out _);
        Assert.NotEqual(CpioError.BadHexField, e);
    }

    [Fact]
    public void Truncation_anywhere_is_an_error_not_a_crash()
    {
        byte[] a = One(size: 100);
        for (int cut = 0; cut < a.Length; cut++)
        {
            ReadAll(a[..cut], out CpioError error, out int at);
            Assert.NotEqual(CpioError.None, error);
            Assert.InRange(at, 0, cut);
        }
        Expect(a[..50], CpioError.TruncatedHeader, 0);
        Expect(a[..111], CpioError.NamePastEnd, 110);
        Expect(a[..120], CpioError.DataPastEnd, 112);
        Expect(Array.Empty<byte>(), CpioError.MissingTrailer, 0);
    }

    [Fact]
    public void Name_size_zero_missing_nul_and_embedded_nul_are_refused()
    {
        byte[] a = One("abc");
        Encoding.ASCII.GetBytes("00000000").CopyTo(a, 6 + 11 * 8);
        Expect(a, CpioError.EmptyName, 6 + 11 * 8);
        byte[] b = One("abc");
        b[110 + 3] = (byte)'d';
        Expect(b, CpioError.NameNotTerminated, 110);
        byte[] c = One("abc");
        c[110 + 1] = 0;
        Expect(c, CpioError.NameNotTerminated, 110);
    }

    [Fact]
    public void Huge_sizes_do_not_overflow()
    {
        byte[] a = One();
        Encoding.ASCII.GetBytes("FFFFFFFF").CopyTo(a, 6 + 6 * 8);
        Expect(a, CpioError.DataPastEnd, 112);
        byte[] b = One();
        Encoding.ASCII.GetBytes("FFFFFFFF").CopyTo(b, 6 + 11 * 8);
        Expect(b, CpioError.NamePastEnd, 110);
        byte[] c = One();
        Encoding.ASCII.GetBytes("7FFFFFFD").CopyTo(c, 6 + 6 * 8);
        Expect(c, CpioError.DataPastEnd, 112);
    }

    [Fact]
    public void An_archive_without_trailer_is_refused_and_padding_after_it_is_ignored()
    {
        var w = new CpioNewcWriter().AddFile("f", new byte[8]);
        byte[] full = w.Finish();
        int trailer = 112 + 8;
        Expect(full[..trailer], CpioError.MissingTrailer, trailer);
        byte[] zeros = full[..trailer].Concat(new byte[300]).ToArray();
        Expect(zeros, CpioError.MissingTrailer, trailer);
        byte[] padded = full.Concat(new byte[1000]).Concat(new byte[] { 1, 2, 3 }).ToArray();
        Assert.Single(ReadAll(padded, out CpioError error, out _));
        Assert.Equal(CpioError.None, error);
        var r = new CpioNewcReader(full);
        Assert.True(r.SkipToEnd());
        Assert.False(r.Next(out _));
    }

    [Fact]
    public void The_crc_variant_070702_is_read_like_newc()
    {
        byte[] a = One();
        a[5] = (byte)'2';
        Assert.Single(ReadAll(a, out CpioError error, out _));
        Assert.Equal(CpioError.None, error);
    }
}
