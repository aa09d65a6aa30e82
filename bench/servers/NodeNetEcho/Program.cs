// NodeNet contenders: `NodeNetEcho STYLE <port | socket path>` prints "ready" when listening.
//   events:  the Node-style API, exactly as echo.mjs does it (socket.On("data", d => socket.Write(d))).
//   pipe:    the IDuplexPipe view, echoing on the loop thread with no per-message allocation.
//   selfpipe: Node's stream echo, socket.Pipe(socket) (the seeds' c.pipe(c)).
//   events/N/pass, events/N/reuseport: the Node-style server on N loops (ServerOptions.Loops) in that LoopMode.
//   STYLE+nodelay: the same with ServerOptions.NoDelay.
// On SIGUSR2 a multi-loop server prints "accepted a,b,..." (connections each loop was given), for the evenness check.
using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using NodeNet;

string style = args[0], where = args[1];
// "+nodelay" sets ServerOptions.NoDelay (TCP_NODELAY on accepted sockets, as bun always does; node and NodeNet default to off).
bool noDelay = style.EndsWith("+nodelay", StringComparison.Ordinal);
if (noDelay) style = style[..^"+nodelay".Length];
if (style == "version") { Console.WriteLine(EventLoop.LibuvVersion); return; }
string[] parts = style.Split('/');
var options = new ServerOptions
{
    Loops = parts.Length > 1 ? int.Parse(parts[1]) : 1,
    LoopMode = parts.Length > 2 && parts[2] == "reuseport" ? LoopMode.ReusePort : LoopMode.Pass,
    NoDelay = noDelay,
};
PosixSignalRegistration? stats = null;
EventLoop.Run(() =>
{
    var loop = EventLoop.Current!;
    var server = parts[0] switch
    {
        "pipe" => Net.CreateServer(options, socket => { socket.On<Exception>("error", _ => { }); _ = Echo(socket.AsPipe()); }),
        "selfpipe" => Net.CreateServer(options, socket => { socket.On<Exception>("error", _ => { }); socket.Pipe(socket); }),
        _ => Net.CreateServer(options, socket => { socket.On<byte[]>("data", d => socket.Write(d)); socket.On<Exception>("error", _ => { }); }),
    };
    stats = PosixSignalRegistration.Create((PosixSignal)12 /* SIGUSR2 */, ctx =>
    {
        ctx.Cancel = true;
        loop.Post(() => Console.WriteLine($"accepted {string.Join(",", server.AcceptedPerLoop ?? [server.Connections])}"));
    });
    if (int.TryParse(where, out int port)) server.Listen(port, "127.0.0.1", () => Console.WriteLine("ready"));
    else server.Listen(where, () => Console.WriteLine("ready"));
});
GC.KeepAlive(stats);

static async Task Echo(IDuplexPipe pipe)
{
    try
    {
        while (true)
        {
            var result = await pipe.Input.ReadAsync();
            foreach (var segment in result.Buffer) pipe.Output.Write(segment.Span);
            pipe.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
            await pipe.Output.FlushAsync();
        }
    }
    catch (Exception e) when (e is IOException or NodeNetException or InvalidOperationException) { }
    await pipe.Output.CompleteAsync();
}
