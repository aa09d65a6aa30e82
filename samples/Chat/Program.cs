// Chat: `Chat <port | socket path>`. A line-based chat room in the async style: `await foreach` over
// connections, a StreamReader over each socket's Stream view, and every line sent to everyone else.
// Stop with Ctrl+C. Try it with two terminals running `nc localhost 8125`.
using System.Collections.Concurrent;
using System.Text;
using NodeNet;

if (args.Length != 1) { Console.Error.WriteLine("usage: Chat <port | socket path>"); return 2; }
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

await using var server = Net.CreateServer();
var address = int.TryParse(args[0], out int port)
    ? await server.ListenAsync(port, cancellationToken: stop.Token)
    : await server.ListenAsync(args[0], stop.Token);
Console.WriteLine($"chat on {address}");

var members = new ConcurrentDictionary<SocketStream, string>();
int next = 0;
try
{
    await foreach (var socket in server.WithCancellation(stop.Token))
        _ = Serve(socket, $"guest{Interlocked.Increment(ref next)}");
}
catch (OperationCanceledException) { }
foreach (var member in members.Keys) await member.DisposeAsync();
return 0;

async Task Serve(Socket socket, string name)
{
    var stream = socket.AsStream();
    members[stream] = name;
    await Say(stream, $"* you are {name}\n");
    await Broadcast(stream, $"* {name} joined\n");
    try
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        while (await reader.ReadLineAsync(stop.Token) is { } line)
            await Broadcast(stream, $"{name}: {line}\n");
    }
    catch (Exception e) when (e is IOException or NodeNetException or OperationCanceledException) { }
    finally
    {
        members.TryRemove(stream, out _);
        await Broadcast(stream, $"* {name} left\n");
        await stream.DisposeAsync();
    }
}

async Task Broadcast(SocketStream from, string text)
{
    foreach (var member in members.Keys)
        if (member != from) await Say(member, text);
}

static async Task Say(SocketStream to, string text)
{
    try { await to.WriteAsync(Encoding.UTF8.GetBytes(text)); }
    catch (NodeNetException) { } // that member is leaving; its own Serve cleans up
}
