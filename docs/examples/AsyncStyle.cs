using System.Buffers;
using System.IO.Pipelines;

namespace NodeNet.Docs;

public static class AsyncStyle
{
    public static async Task EchoWithStreams(CancellationToken stop)
    {
        await using var server = Net.CreateServer();
        var address = await server.ListenAsync(8124, cancellationToken: stop);
        Console.WriteLine($"listening on {address}");
        await foreach (var socket in server.WithCancellation(stop))
        {
            _ = Task.Run(async () =>
            {
                await using var stream = socket.AsStream();
                await stream.CopyToAsync(stream);
            });
        }
    }

    public static async Task EchoWithPipes(Socket socket)
    {
        IDuplexPipe pipe = socket.AsPipe();
        while (true)
        {
            ReadResult result = await pipe.Input.ReadAsync();
            foreach (var segment in result.Buffer) pipe.Output.Write(segment.Span);
            pipe.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
            await pipe.Output.FlushAsync();
        }
        await pipe.Output.CompleteAsync(); // sends FIN
    }

    public static async Task CatchAReset(Stream stream, Stream output)
    {
        try { await stream.CopyToAsync(output); }
        catch (IOException e) when (e is INodeError { Code: "ECONNRESET" }) { /* the peer went away */ }
    }

    public static void FromAnotherThread(EventLoop loop, Server server)
    {
        // Node-style calls belong to the loop thread; hand them over with Post.
        loop.Post(() => server.Close());
    }
}
