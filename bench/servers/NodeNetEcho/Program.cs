// NodeNet contenders: `NodeNetEcho events|pipe <port | socket path>` prints "ready" when listening.
//   events: the Node-style API, exactly as echo.mjs does it (socket.On("data", d => socket.Write(d))).
//   pipe:   the IDuplexPipe view, echoing on the loop thread with no per-message allocation.
using System.Buffers;
using System.IO.Pipelines;
using NodeNet;

string style = args[0], where = args[1];
if (style == "version") { Console.WriteLine(EventLoop.LibuvVersion); return; }
EventLoop.Run(() =>
{
    var server = style == "pipe"
        ? Net.CreateServer(socket => { socket.On<Exception>("error", _ => { }); _ = Echo(socket.AsPipe()); })
        : Net.CreateServer(socket => { socket.On<byte[]>("data", d => socket.Write(d)); socket.On<Exception>("error", _ => { }); });
    if (int.TryParse(where, out int port)) server.Listen(port, "127.0.0.1", () => Console.WriteLine("ready"));
    else server.Listen(where, () => Console.WriteLine("ready"));
});

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
