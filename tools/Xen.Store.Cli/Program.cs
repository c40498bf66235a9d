// Why: entry point; composes the verbs. Socket lookup matches libxenstore: $XENSTORED_PATH, else
// $XENSTORED_RUNDIR/socket, else /run/xenstored/socket.
using System.CommandLine;
using Xen.Store.Cli.Commands;

RootCommand root = new("Xen# xenstore: client, daemon and load tool");
Option<string> socket = new("--socket", "-s")
{
    Description = "xenstored socket path",
    DefaultValueFactory = _ => SocketLocator.Default(),
    Recursive = true,
};
root.Options.Add(socket);
ClientCommands.AddTo(root, socket);
root.Subcommands.Add(ServeCommand.Create(socket));
root.Subcommands.Add(LoadCommand.Create(socket));
return await root.Parse(args).InvokeAsync();
