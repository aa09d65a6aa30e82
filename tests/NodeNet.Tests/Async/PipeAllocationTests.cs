using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>The zero-copy path: in steady state, echoing through AsPipe allocates nothing on the loop thread per message.</summary>
public class PipeAllocationTests
{
    [Fact]
    public async Task Pipe_echo_allocates_nothing_per_message_in_steady_state()
    {
        const int Warmup = 2_000, Measured = 20_000;
        var loop = EventLoop.StartHosted();
        try
        {
            long before = -1, after = -1;
            int echoed = 0;
            var portTcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            loop.Post(() =>
            {
                Server? server = null;
                server = Net.CreateServer(socket =>
                {
                    var pipe = socket.AsPipe();
                    _ = Echo(pipe);
                });
                server.Listen(0, "127.0.0.1", () => portTcs.SetResult(server.Address()!.Port));

                async Task Echo(IDuplexPipe pipe)
                {
                    // Runs on the loop thread: input continuations are inline there.
                    while (true)
                    {
                        var result = await pipe.Input.ReadAsync();
                        var buffer = result.Buffer;
                        foreach (var segment in buffer) pipe.Output.Write(segment.Span);
                        pipe.Input.AdvanceTo(buffer.End);
                        if (result.IsCompleted) break;
                        await pipe.Output.FlushAsync();
                        echoed++;
                        if (echoed == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                        if (echoed == Warmup + Measured) after = GC.GetAllocatedBytesForCurrentThread();
                    }
                    await pipe.Output.CompleteAsync();
                    server!.Close();
                }
            });
            int port = await portTcs.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // Ping-pong 64 B messages from a plain .NET socket on another thread.
            await Task.Run(() =>
            {
                using var client = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.Connect(IPAddress.Loopback, port);
                var message = new byte[64];
                var reply = new byte[64];
                for (int i = 0; i < Warmup + Measured + 10; i++)
                {
                    client.Send(message);
                    int got = 0;
                    while (got < 64) got += client.Receive(reply, got, 64 - got, SocketFlags.None);
                }
                client.Shutdown(SocketShutdown.Both);
            }).WaitAsync(TimeSpan.FromSeconds(60));

            var measured = new TaskCompletionSource<(long, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            loop.Post(() => measured.SetResult((before, after)));
            var (b, a) = await measured.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(b >= 0 && a >= 0, $"the echo did not reach the measured window ({echoed} messages)");
            Assert.True(a - b == 0, $"{a - b} bytes allocated on the loop thread over {Measured} echoed messages ({(a - b) / (double)Measured:F1} per message)");
        }
        finally { await loop.DisposeAsync(); }
    }
}
