// Why: the small CLI over the client library: read, write, ls, rm, watch, chmod — same verbs and
// output shapes as Xen's xenstore-* tools where it matters (values on stdout, errors to stderr).
using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Daemon.Client;
using Xen.Store.Permissions;

namespace Xen.Store.Cli.Commands;

/// <summary>Client verbs.</summary>
internal static class ClientCommands
{
    public static void AddTo(RootCommand root, Option<string> socket)
    {
        root.Subcommands.Add(Verb("read", "print values", "path", true, socket, async (c, args, ct) =>
        {
            foreach (string p in args)
            {
                Console.WriteLine(await c.ReadStringAsync(p, ct));
            }
        }));
        root.Subcommands.Add(Verb("write", "write path value pairs", "path-value", true, socket, async (c, args, ct) =>
        {
            if (args.Length % 2 != 0)
            {
                throw new ArgumentException("write takes path value pairs");
            }

            for (int i = 0; i < args.Length; i += 2)
            {
                await c.WriteAsync(args[i], args[i + 1], ct);
            }
        }));
        root.Subcommands.Add(Verb("ls", "list children", "path", false, socket, async (c, args, ct) =>
        {
            foreach (string name in await c.ListAsync(args.Length == 0 ? "/" : args[0], ct))
            {
                Console.WriteLine(name);
            }
        }));
        root.Subcommands.Add(Verb("rm", "remove subtrees", "path", true, socket, async (c, args, ct) =>
        {
            foreach (string p in args)
            {
                await c.RemoveAsync(p, ct);
            }
        }));
        root.Subcommands.Add(Verb("chmod", "set permissions: path perm... (e.g. n0 r5 b7)", "path-perms", true, socket, async (c, args, ct) =>
        {
            List<XsPermission> perms = new();
            for (int i = 1; i < args.Length; i++)
            {
                XsAccess a = args[i][0] switch { 'r' => XsAccess.Read, 'w' => XsAccess.Write, 'b' => XsAccess.Both, 'n' => XsAccess.None, _ => throw new ArgumentException("bad permission " + args[i]) };
                perms.Add(new XsPermission(uint.Parse(args[i].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture), a));
            }

            await c.SetPermissionsAsync(args[0], perms, ct);
        }));

        Option<int> count = new("--count", "-n") { Description = "exit after this many events (0 = forever)" };
        Command watch = Verb("watch", "print watch events", "path", true, socket, async (c, args, ct) => { });
        watch.Options.Add(count);
        watch.SetAction(async (ParseResult parse, CancellationToken ct) => await Run(parse, socket, async c =>
        {
            int seen = 0, limit = parse.GetValue(count);
            await foreach (XenStoreWatchEvent e in c.WatchAsync(parse.GetValue<string[]>("path")![0], ct))
            {
                Console.WriteLine(e.Path);
                if (limit > 0 && ++seen >= limit)
                {
                    break;
                }
            }
        }));
        root.Subcommands.Add(watch);
    }

    private static Command Verb(string name, string description, string argName, bool required, Option<string> socket,
        Func<XenStoreClient, string[], CancellationToken, Task> body)
    {
        Argument<string[]> paths = new(argName) { Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore };
        Command command = new(name, description);
        command.Arguments.Add(paths);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
            await Run(parse, socket, c => body(c, parse.GetValue(paths) ?? Array.Empty<string>(), ct)));
        return command;
    }

    private static async Task<int> Run(ParseResult parse, Option<string> socket, Func<XenStoreClient, Task> body)
    {
        try
        {
            await using XenStoreClient client = await XenStoreClient.ConnectAsync(parse.GetValue(socket)!, new XenStoreClientOptions { Reconnect = false });
            await body(client);
            return 0;
        }
        catch (XenStoreException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or System.Net.Sockets.SocketException or System.IO.IOException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
