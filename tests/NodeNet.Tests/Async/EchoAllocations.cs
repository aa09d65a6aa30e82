using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>Measures bytes allocated on a hosted loop's thread over a window of echoed 64 B ping-pong messages
/// (a plain .NET socket on another thread plays the client).</summary>
internal static class EchoAllocations
{
    /// <param name="createServer">Called on the loop thread; the server calls the given action once per echoed message.</param>
    public static async Task<long> MeasureAsync(Func<Action, Server> createServer, int warmup, int measured, int size = 64)
    {
        var loop = EventLoop.StartHosted();
        try
        {
            long before = -1, after = -1;
            int echoed = 0;
            void Echoed()
            {
                echoed++;
                if (echoed == warmup) before = GC.GetAllocatedBytesForCurrentThread();
                if (echoed == warmup + measured) after = GC.GetAllocatedBytesForCurrentThread();
            }
            var portTcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            loop.Post(() =>
            {
                var server = createServer(Echoed);
                server.Listen(0, "127.0.0.1", () => portTcs.SetResult(server.Address()!.Port));
            });
            int port = await portTcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Run(() =>
            {
                using var client = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.Connect(IPAddress.Loopback, port);
                var message = new byte[size];
                var reply = new byte[size];
                for (int i = 0; i < warmup + measured + 10; i++)
                {
                    client.Send(message);
                    int got = 0;
                    while (got < size) got += client.Receive(reply, got, size - got, SocketFlags.None);
                }
                client.Shutdown(SocketShutdown.Both);
            }).WaitAsync(TimeSpan.FromSeconds(60));
            var window = new TaskCompletionSource<(long, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            loop.Post(() => window.SetResult((before, after)));
            var (b, a) = await window.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(b >= 0 && a >= 0, $"the echo did not reach the measured window ({echoed} messages)");
            return a - b;
        }
        finally { await loop.DisposeAsync(); }
    }
}
