// xl.cfg syntax as docs/man/xl.cfg.5.pod.in describes it, including its own examples, and every error path
// (line number + message, no exception).
using Xen.Core.Boot.Bundle;

namespace Xen.Core.Tests.Boot.Bundle;

public sealed class XlConfigParserTests
{
    private static XlConfig Parse(string text) => XlConfigParser.Parse(BundleSamples.Ascii(text));

    private static string Str(XlConfig c, string key) => BundleSamples.Text(c.Find(key)!.Text);

    [Fact]
    public void The_man_page_separator_examples_parse_alike()
    {
        XlConfig a = Parse("name=\"h0\"\ntype=\"hvm\"\n");
        XlConfig b = Parse("name=\"h0\"; type=\"hvm\"");
        foreach (XlConfig c in new[] { a, b })
        {
            Assert.True(c.IsValid, c.ErrorMessage);
            Assert.Equal("h0", Str(c, "name"));
            Assert.True(c.Find("type")!.IsString("hvm"));
        }
        Assert.Equal(1, b.LineOf("type"));
        Assert.Equal(2, a.LineOf("type"));
    }

    [Fact]
    public void Strings_numbers_lists_comments_and_continuations()
    {
        XlConfig c = Parse(
            "# a domain\n" +
            "name = 'web'   # trailing comment\n" +
            "memory = 512\n" +
            "maxmem=0x400\n" +
            "vcpus = 010\n" +
            "disk = [ 'phy:/dev/vg/web,xvda,w',\n" +
            "         # a comment inside the list\n" +
            "         \"file:/srv/data.img,xvdb,r\", ]\n" +
            "vnuma = [ [\"pnode=0\",\"size=512\",\"vcpus=0-4\",\"vdistances=10,20\"] ]\n" +
            "extra = \"a\\tb\\n\\x41\\101\\\\\\\"\"\n" +
            "empty = []\n" +
            "\r\n" +
            "last=1");
        Assert.True(c.IsValid, c.ErrorMessage);
        Assert.Equal("web", Str(c, "name"));
        Assert.Equal(512UL, c.Find("memory")!.Number);
        Assert.Equal(1024UL, c.Find("maxmem")!.Number);
        Assert.Equal(8UL, c.Find("vcpus")!.Number); // octal, as the man page says
        XlValue disk = c.Find("disk")!;
        Assert.Equal(XlValueKind.List, disk.Kind);
        Assert.Equal(2, disk.Count);
        Assert.Equal("file:/srv/data.img,xvdb,r", BundleSamples.Text(disk.Item(1).Text));
        Assert.Equal(6, c.LineOf("disk"));
        XlValue vnuma = c.Find("vnuma")!;
        Assert.Equal(XlValueKind.List, vnuma.Item(0).Kind);
        Assert.Equal(4, vnuma.Item(0).Count);
        Assert.Equal("a\tb\nAA\\\"", Str(c, "extra"));
        Assert.Equal(0, c.Find("empty")!.Count);
        Assert.Equal(13, c.LineOf("last"));
        Assert.Equal(9, c.Count);
        Assert.Equal("name", c.KeyAt(0));
        Assert.Equal(2, c.LineAt(0));
    }

    [Fact]
    public void Later_settings_win_and_plus_equals_appends()
    {
        XlConfig c = Parse("memory = 1\nmemory = 2\nextra = \"a\"\nextra += \" b\"\ndisk = ['x']\ndisk += ['y', 'z']\n");
        Assert.True(c.IsValid, c.ErrorMessage);
        Assert.Equal(2UL, c.Find("memory")!.Number);
        Assert.Equal("a b", Str(c, "extra"));
        Assert.Equal(3, c.Find("disk")!.Count);
        Assert.Null(c.Find("absent"));
        Assert.Equal(0, c.LineOf("absent"));
        XlConfig fresh = Parse("disk += ['only']");
        Assert.Equal(1, fresh.Find("disk")!.Count);
    }

    [Theory]
    [InlineData("name = \"unterminated\n", 1, "unterminated string")]
    [InlineData("name = 'x'\n= 3\n", 2, "expected a KEY at the start of a setting")]
    [InlineData("name 'x'\n", 1, "expected '=' after the KEY")]
    [InlineData("name =\n", 1, "missing VALUE")]
    [InlineData("name = # comment\n", 1, "missing VALUE")]
    [InlineData("name = x\n", 1, "a VALUE must be a quoted string, a number or a [list]")]
    [InlineData("a = 1\nb = [ 'x',\n 'y'\n", 4, "unterminated list (missing ']')")]
    [InlineData("b = [ 'x' 'y' ]", 1, "expected ',' or ']' in a list")]
    [InlineData("b = [[[[[[[[[1]]]]]]]]]", 1, "lists nested too deeply")]
    [InlineData("memory = 99999999999999999999999", 1, "NUMBER out of range")]
    [InlineData("memory = 12ab", 1, "malformed NUMBER")]
    [InlineData("memory = 09", 1, "malformed NUMBER")]
    [InlineData("memory = 0x", 1, "malformed NUMBER")]
    [InlineData("name = 'a' 'b'", 1, "expected a newline or ';' after the VALUE")]
    [InlineData("extra = \"bad \\q escape\"", 1, "bad escape sequence in a string")]
    [InlineData("extra = \"\\777\"", 1, "bad escape sequence in a string")]
    [InlineData("extra = \"\\x\"", 1, "bad escape sequence in a string")]
    [InlineData("memory = 1\nmemory += 2", 2, "'+=' needs a list or string of the same kind as before")]
    [InlineData("extra = 'a'\nextra += ['b']", 2, "'+=' needs a list or string of the same kind as before")]
    [InlineData("\n\nname == 'x'", 3, "a VALUE must be a quoted string, a number or a [list]")]
    public void Syntax_errors_carry_the_line_and_a_message(string text, int line, string message)
    {
        XlConfig c = Parse(text);
        Assert.False(c.IsValid);
        Assert.Equal(message, c.ErrorMessage);
        Assert.Equal(line, c.ErrorLine);
    }

    [Fact]
    public void An_empty_or_comment_only_file_is_valid_and_empty()
    {
        Assert.Equal(0, Parse("").Count);
        Assert.True(Parse("# nothing\n\n   ;;\n").IsValid);
    }
}
