using System.IO.Pipelines;

namespace NodeNet.Soak;

/// <summary>An echo server in pull mode: each connection's AsPipe input copied to its output (pinned pool memory).</summary>
internal sealed class PipeEchoServer : IDisposable
{
    public readonly EventLoop Loop = EventLoop.StartHosted("soak pipe server");
    public readonly Server Server;
    public readonly int Port;

    public PipeEchoServer()
    {
        Server = Loop.On(() => Net.CreateServer(s => { s.On<Exception>("error", _ => { }); _ = Echo(s.AsPipe()); }));
        Port = Server.ListenAsync(new ListenOptions { Port = 0, Host = "127.0.0.1", Backlog = 4096 }).GetAwaiter().GetResult().Port;
    }

    private static async Task Echo(IDuplexPipe pipe)
    {
        try { await pipe.Input.CopyToAsync(pipe.Output); }
        catch (Exception) { } // the peer went away
        await pipe.Output.CompleteAsync();
        await pipe.Input.CompleteAsync();
    }

    public void Dispose()
    {
        Server.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }).Wait();
        Loop.Dispose();
    }
}
