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
}
