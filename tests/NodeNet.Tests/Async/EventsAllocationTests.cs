using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>The Node-style echo allocates at most the data buffer it hands to the 'data' listener per message.</summary>
public class EventsAllocationTests
{
    [Fact]
    public async Task Node_style_echo_allocates_only_the_owned_buffer_per_message()
    {
        const int Warmup = 2_000, Measured = 20_000, Size = 64;
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
                    socket.On<byte[]>("data", d =>
                    {
                        socket.Write(d);
                        echoed++;
                        if (echoed == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                        if (echoed == Warmup + Measured) after = GC.GetAllocatedBytesForCurrentThread();
                    });
                    socket.On("end", () => server!.Close());
                });
                server.Listen(0, "127.0.0.1", () => portTcs.SetResult(server.Address()!.Port));
            });
            int port = await portTcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Run(() =>
            {
                using var client = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.Connect(IPAddress.Loopback, port);
                var message = new byte[Size];
                var reply = new byte[Size];
                for (int i = 0; i < Warmup + Measured + 10; i++)
                {
                    client.Send(message);
                    int got = 0;
                    while (got < Size) got += client.Receive(reply, got, Size - got, SocketFlags.None);
                }
                client.Shutdown(SocketShutdown.Both);
            }).WaitAsync(TimeSpan.FromSeconds(60));
            var measured = new TaskCompletionSource<(long, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            loop.Post(() => measured.SetResult((before, after)));
            var (b, a) = await measured.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(b >= 0 && a >= 0, $"the echo did not reach the measured window ({echoed} messages)");
            double perMessage = (a - b) / (double)Measured;
            // A byte[64] is 88 bytes on 64-bit .NET; anything else allocated per message would push past 100.
            Assert.True(perMessage <= 100, $"{perMessage:F1} bytes allocated per echoed message on the loop thread");
        }
        finally { await loop.DisposeAsync(); }
    }
}
