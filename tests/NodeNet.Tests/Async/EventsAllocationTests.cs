using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>The Node-style echo allocates at most the data buffer it hands to the 'data' listener per message.</summary>
public class EventsAllocationTests
{
    [Fact]
    public async Task Node_style_echo_allocates_only_the_owned_buffer_per_message()
    {
        const int Measured = 20_000;
        long allocated = await EchoAllocations.MeasureAsync(echoed => Net.CreateServer(socket =>
            socket.On<byte[]>("data", d => { socket.Write(d); echoed(); })), 2_000, Measured);
        double perMessage = allocated / (double)Measured;
        // A byte[64] is 88 bytes on 64-bit .NET; anything else allocated per message would push past 100.
        Assert.True(perMessage <= 100, $"{perMessage:F1} bytes allocated per echoed message on the loop thread");
    }

    [Fact]
    public async Task Node_style_streaming_allocates_only_the_chunks_it_hands_out()
    {
        // 64 KiB messages: reads that fill the buffer go straight into the array the listener gets (UvLoop.ReadChunk.cs),
        // short ones are copied into an array of their size; either way each byte echoed is in one array, once.
        const int Size = 64 * 1024, Measured = 400;
        long allocated = await EchoAllocations.MeasureAsync(echoed =>
        {
            long got = 0;
            return Net.CreateServer(socket => socket.On<byte[]>("data", d =>
            {
                socket.Write(d);
                for (got += d.Length; got >= Size; got -= Size) echoed();
            }));
        }, 100, Measured, Size);
        double perMessage = allocated / (double)Measured;
        // 65,536 bytes of arrays per message, plus each array's 24-byte header when the kernel hands a message over in
        // several reads: anything else per chunk (a second copy, a pinning handle's object) would show.
        Assert.True(perMessage <= Size + 256, $"{perMessage:F1} bytes allocated per echoed 64 KiB message on the loop thread");
    }
}
