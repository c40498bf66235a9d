// Why: the CLI verbs end to end (separate processes, like an operator would run them).
using System.Diagnostics;
using Xen.Store.Tests.Support;

namespace Xen.Store.Tests.Daemon;

public sealed class CliTests
{
    private static (int Code, string Out) Cli(string socket, params string[] args)
    {
        ProcessStartInfo psi = new(ChildDaemon.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "xenstore-cs.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("--socket");
        psi.ArgumentList.Add(socket);
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(30000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("xenstore-cs " + string.Join(' ', args));
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result);
    }

    [Fact]
    public async Task Write_read_ls_chmod_rm_watch()
    {
        await using DaemonHost host = new();
        Assert.Equal(0, Cli(host.SocketPath, "write", "/cli/a", "1", "/cli/b", "2").Code);
        Assert.Equal("1\n2\n", Cli(host.SocketPath, "read", "/cli/a", "/cli/b").Out);
        Assert.Equal("a\nb\n", Cli(host.SocketPath, "ls", "/cli").Out);
        Assert.Equal(0, Cli(host.SocketPath, "chmod", "/cli/a", "b4", "r6").Code);
        await using var c = await host.ClientAsync();
        Assert.Equal(4u, (await c.GetPermissionsAsync("/cli/a"))[0].DomainId);
        Assert.Equal(0, Cli(host.SocketPath, "rm", "/cli/a").Code);
        Assert.Equal(1, Cli(host.SocketPath, "read", "/cli/a").Code);
        Assert.Equal("/cli\n", Cli(host.SocketPath, "watch", "/cli", "-n", "1").Out);
    }
}
