using System.Text;
using Xen.ImageTool;
using Xen.Runtime.Diagnostics;

namespace Xen.Runtime.Tests;

[Collection("DebugConsole")]
public sealed unsafe class SymbolTableTests
{
    private static readonly NmSymbol[] Symbols =
    [
        new(0x140001000, 'T', "EfiMain"),
        new(0x140001200, 't', "Xen_Runtime_Panic__Fail"),
        new(0x140001200, 'T', "Alias_Of_Fail_With_A_Longer_Name"),
        new(0x140002000, 'D', "data_is_not_code"),
        new(0x140003000, 'T', "Last"),
    ];

    [Fact]
    public void Lookup_finds_the_containing_symbol_and_offset()
    {
        byte[] blob = SymbolBlob.Build(Symbols, 0x140000000, 0x4000);
        fixed (byte* p = blob)
        {
            SymbolTable.Initialize(p, (ulong)blob.Length, 0x140000000);
            Assert.Equal(3u, SymbolTable.Count);
            Assert.True(SymbolTable.TryLookup(0x140001234, out ReadOnlySpan<byte> name, out ulong offset));
            Assert.Equal("Xen_Runtime_Panic__Fail", Encoding.ASCII.GetString(name));
            Assert.Equal(0x34UL, offset);
            Assert.False(SymbolTable.TryLookup(0x140000FFF, out _, out _));
            Assert.False(SymbolTable.TryLookup(0x140005000, out _, out _)); // past the image
            SymbolTable.Initialize(null, 0, 0);
        }
    }

    [Fact]
    public void A_corrupted_blob_is_ignored_rather_than_trusted()
    {
        byte[] blob = SymbolBlob.Build(Symbols, 0x140000000, 0x4000);
        blob[4] = 0xFF; // absurd count
        fixed (byte* p = blob)
        {
            SymbolTable.Initialize(p, (ulong)blob.Length, 0x140000000);
            Assert.Equal(0u, SymbolTable.Count);
            Assert.False(SymbolTable.TryLookup(0x140001234, out _, out _));
            SymbolTable.Initialize(null, 0, 0);
        }
    }

    [Fact]
    public void Nm_listing_parsing_skips_undefined_and_garbage_lines()
    {
        var parsed = NmListing.Parse(["0000000140001000 T EfiMain", "                 U undefined_thing", "garbage", "00000001400f0000 d data"]);
        Assert.Equal(2, parsed.Count);
        Assert.True(parsed[0].IsCode);
        Assert.False(parsed[1].IsCode);
        Assert.Throws<ImageFormatException>(() => NmListing.Require(parsed, "missing"));
    }
}
