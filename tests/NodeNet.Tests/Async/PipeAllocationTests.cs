using System.Buffers;
using System.IO.Pipelines;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>The zero-copy path: in steady state, echoing through AsPipe allocates nothing on the loop thread per message.</summary>
[Collection("metrics")] // runs alone: the pipe memory pool is process-wide, and a test running beside this one can take
// the blocks it would reuse, so it allocates one (32 KiB) inside the measured window
public class PipeAllocationTests
{
    [Fact]
    public async Task Pipe_echo_allocates_nothing_per_message_in_steady_state()
    {
        const int Measured = 20_000;
        long allocated = await EchoAllocations.MeasureAsync(echoed => Net.CreateServer(socket => _ = Echo(socket.AsPipe(), echoed)), 2_000, Measured);
        Assert.True(allocated == 0, $"{allocated} bytes allocated on the loop thread over {Measured} echoed messages ({allocated / (double)Measured:F1} per message)");
    }

    /// <summary>Runs on the loop thread: input continuations are inline there.</summary>
    private static async Task Echo(IDuplexPipe pipe, Action echoed)
    {
        while (true)
        {
            var result = await pipe.Input.ReadAsync();
            var buffer = result.Buffer;
            foreach (var segment in buffer) pipe.Output.Write(segment.Span);
            pipe.Input.AdvanceTo(buffer.End);
            if (result.IsCompleted) break;
            await pipe.Output.FlushAsync();
            echoed();
        }
        await pipe.Output.CompleteAsync();
    }
}
