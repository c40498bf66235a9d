// Why: the acceptance test of the wire protocol — Debian's own xenstore-utils (libxenstore 4.17)
// talking to our daemon: read, write, ls, list, rm, exists, chmod and watch, including libxenstore's
// transaction wrapping of multi-key writes and its DIRECTORY_PART fallback for big directories.
using System.Diagnostics;
using Xen.Store.Permissions;
using Xen.Store.Tests.Support;

namespace Xen.Store.Tests.Interop;

public sealed class DebianClientTests
{
    [InteropFact]
    public async Task Write_read_exists_rm()
    {
        await using DaemonHost host = new();
        Assert.Equal(0, DebianTools.Run(host.SocketPath, "xenstore-write", "/vm/a", "alpha", "/vm/b", "beta").ExitCode);
        ToolResult read = DebianTools.Run(host.SocketPath, "xenstore-read", "/vm/a", "/vm/b");
        Assert.Equal(0, read.ExitCode);
        Assert.Equal("alpha\nbeta\n", read.Stdout);
        Assert.Equal(0, DebianTools.Run(host.SocketPath, "xenstore-exists", "/vm/a").ExitCode);
        Assert.NotEqual(0, DebianTools.Run(host.SocketPath, "xenstore-exists", "/vm/zzz").ExitCode);
        Assert.Equal(0, DebianTools.Run(host.SocketPath, "xenstore-rm", "/vm/a").ExitCode);
        ToolResult gone = DebianTools.Run(host.SocketPath, "xenstore-read", "/vm/a");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("couldn't read path /vm/a", gone.Stderr);

        await using var client = await host.ClientAsync();
        Assert.Equal("beta", await client.ReadStringAsync("/vm/b"));
    }

    [InteropFact]
    public async Task Ls_and_list_show_our_tree()
    {
        await using DaemonHost host = new();
        await using var client = await host.ClientAsync();
        await client.WriteAsync("/top/x", "1");
        await client.WriteAsync("/top/y/z", "deep");
        ToolResult ls = DebianTools.Run(host.SocketPath, "xenstore-ls", "/top");
        Assert.Equal(0, ls.ExitCode);
        Assert.Equal("x = \"1\"\ny = \"\"\n z = \"deep\"\n", ls.Stdout);
        ToolResult list = DebianTools.Run(host.SocketPath, "xenstore-list", "/top");
        Assert.Equal("x\ny\n", list.Stdout);
    }

    [InteropFact]
    public async Task Chmod_sets_permissions_seen_by_both_sides()
    {
        await using DaemonHost host = new();
        await using var client = await host.ClientAsync();
        await client.WriteAsync("/perm/node", "v");
        Assert.Equal(0, DebianTools.Run(host.SocketPath, "xenstore-chmod", "/perm/node", "b3", "r5").ExitCode);
        XsPermission[] perms = await client.GetPermissionsAsync("/perm/node");
        Assert.Equal(new[] { (3u, XsAccess.Both), (5u, XsAccess.Read) }, perms.Select(p => (p.DomainId, p.Access)));
        ToolResult ls = DebianTools.Run(host.SocketPath, "xenstore-ls", "-p", "/perm");
        Assert.Contains("(b3,r5)", ls.Stdout);
    }

    [InteropFact]
    public async Task Watch_reports_initial_and_change_events()
    {
        await using DaemonHost host = new();
        await using var client = await host.ClientAsync();
        await client.MkdirAsync("/watched");
        using Process watch = DebianTools.Start(new() { ["XENSTORED_PATH"] = host.SocketPath }, "xenstore-watch", "-n", "2", "/watched");
        try
        {
            string? first = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal("/watched", first);
            Task<string> output = watch.StandardOutput.ReadToEndAsync();
            await client.WriteAsync("/watched/child", "x");
            Assert.True(watch.WaitForExit(15000), "xenstore-watch did not see the change");
            Assert.Equal("/watched/child\n", await output);
            Assert.Equal(0, watch.ExitCode);
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill(entireProcessTree: true);
            }
        }
    }

    [InteropFact]
    public async Task Big_directory_goes_through_directory_part()
    {
        await using DaemonHost host = new();
        await using var client = await host.ClientAsync();
        var expected = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            string name = "device-with-a-long-name-" + i.ToString("D4");
            expected.Add(name);
            await client.MkdirAsync("/big/" + name);
        }

        ToolResult list = DebianTools.Run(host.SocketPath, "xenstore-list", "/big");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(expected, list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected, await client.ListAsync("/big"));
    }

    [InteropFact]
    public async Task Rundir_environment_variable_locates_the_socket()
    {
        await using DaemonHost host = new();
        await using var client = await host.ClientAsync();
        await client.WriteAsync("/via/rundir", "yes");
        string rundir = Path.GetDirectoryName(host.SocketPath)!;
        string socket = Path.Combine(rundir, "socket");
        File.CreateSymbolicLink(socket, host.SocketPath);
        ToolResult r = DebianTools.RunWith(new() { ["XENSTORED_RUNDIR"] = rundir }, "xenstore-read", "/via/rundir");
        Assert.Equal("yes\n", r.Stdout);
    }

    [InteropFact]
    public async Task Errors_map_to_tool_failures_not_hangs()
    {
        await using DaemonHost host = new();
        ToolResult badPath = DebianTools.Run(host.SocketPath, "xenstore-write", "/bad path", "x");
        Assert.NotEqual(0, badPath.ExitCode);
        ToolResult rmMissingParent = DebianTools.Run(host.SocketPath, "xenstore-rm", "/no/such/parent");
        Assert.NotEqual(0, rmMissingParent.ExitCode);
    }

    [InteropFact]
    public async Task Relative_paths_are_under_dom0s_home_and_special_watches_work()
    {
        await using DaemonHost host = new();
        Assert.Equal(0, DebianTools.Run(host.SocketPath, "xenstore-write", "rel/x", "1").ExitCode);
        await using var client = await host.ClientAsync();
        Assert.Equal("1", await client.ReadStringAsync("/local/domain/0/rel/x"));

        using Process watch = DebianTools.Start(new() { ["XENSTORED_PATH"] = host.SocketPath }, "xenstore-watch", "-n", "2", "@introduceDomain");
        try
        {
            string? first = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal("@introduceDomain", first);
            await client.SendAsync(Xen.Store.Wire.XsMessageType.Introduce, 0, CoreHarness.Fields("5", "4096", "7"));
            string? second = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal("@introduceDomain", second);
            Assert.True(watch.WaitForExit(15000));
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill(entireProcessTree: true);
            }
        }
    }
}
