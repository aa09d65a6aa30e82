using System.Text.Json;
using NodeNet.Native;
using NodeNet.Tests.Native;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Misuse found by fuzzing the API: each answer carries Node's code, as Node would give it.</summary>
public class ErrorCodeTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public void Every_getaddrinfo_error_has_the_code_Nodes_dnsException_gives_it()
    {
        var eai = UvErrors.ByName.Where(e => e.Key.StartsWith("EAI_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(eai);
        // node's own names for these numbers (util.getSystemErrorName, which dnsException uses for all but two).
        string script = $"const u=require('util');console.log(JSON.stringify(Object.fromEntries([{string.Join(",", eai.Select(e => e.Value))}].map(n=>[n,u.getSystemErrorName(n)]))))";
        var (code, stdout, stderr) = ProcessRunner.Run(NodeReference.Path, ["-e", script], timeoutMs: 30_000);
        Assert.True(code == 0, stderr);
        var names = JsonSerializer.Deserialize<Dictionary<int, string>>(stdout)!;
        foreach (var (name, errno) in eai)
        {
            var e = NodeNetException.Dns(errno, "example.test");
            string expected = name is "EAI_NONAME" or "EAI_NODATA" ? "ENOTFOUND" : names[errno]; // Node's fabricated ENOTFOUND
            Assert.Equal(expected, e.Code);
            Assert.Equal($"getaddrinfo {expected} example.test", e.Message);
            Assert.Equal(errno, e.Errno);
            Assert.Equal("example.test", e.Hostname);
        }
        Assert.Equal(System.Net.Sockets.SocketError.TryAgain, NodeNetException.Dns(UvErrors.ByName["EAI_AGAIN"], "h").SocketErrorCode);
    }

    [Fact]
    public void A_slice_outside_the_array_is_ERR_OUT_OF_RANGE()
    {
        TestLoop.Run(() =>
        {
            var c = new Socket();
            var data = new byte[10];
            foreach (var (offset, count, name) in new[] { (-1, 1, "offset"), (11, 0, "offset"), (0, -1, "count"), (5, 6, "count"), (10, 1, "count") })
            {
                var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => c.Write(data, offset, count));
                var n = Assert.IsAssignableFrom<INodeError>(e);
                Assert.Equal("ERR_OUT_OF_RANGE", n.Code);
                Assert.Equal(name, e.ParamName);
                Assert.StartsWith($"The value of \"{name}\" is out of range.", n.Message);
            }
            c.Destroy();
        });
    }

    [Fact]
    public async Task Byte_stream_calls_on_an_IPC_socket_or_after_SetEncoding_are_ERR_INVALID_STATE()
    {
        await using var loop = EventLoop.StartHosted();
        string path = Path.Combine(TestLoop.TempDir(), "ipc.sock");
        var ipcServer = await loop.On(() => Net.CreateServer(new ServerOptions { Ipc = true }));
        await ipcServer.ListenAsync(path).WaitAsync(Deadline);
        var ipc = await loop.ConnectAsync(new ConnectOptions { Path = path, Ipc = true }).WaitAsync(Deadline);
        Assert.Equal("ERR_INVALID_STATE", (await NodeAssert.ThrowsAsync(() => loop.On(() => ipc.Write("bytes")))).Code);
        Assert.Equal("ERR_INVALID_STATE", (await NodeAssert.ThrowsAsync(() => ipc.WriteAsync(new byte[1]))).Code);
        Assert.Equal("ERR_INVALID_STATE", (await NodeAssert.ThrowsAsync(() => ipc.ReadAsync(new byte[1]).AsTask())).Code);

        var (echo, port) = await LoopHelpers.EchoServer(loop);
        var text = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await loop.On(() => text.SetEncoding("utf8"));
        Assert.Equal("ERR_INVALID_STATE", (await NodeAssert.ThrowsAsync(() => text.ReadAsync(new byte[1]).AsTask())).Code);
        var bytes = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await loop.On(() => bytes.On<byte[]>("data", _ => { }));
        Assert.Equal("ERR_INVALID_STATE", (await NodeAssert.ThrowsAsync(() => loop.On(() => bytes.SetEncoding("utf8")))).Code);
        Assert.False(loop.Completion.IsCompleted);
        await loop.On(() => { ipc.Destroy(); text.Destroy(); bytes.Destroy(); echo.Close(); ipcServer.Close(); });
    }

    [Fact]
    public void A_missing_argument_is_an_ArgumentNullException_with_ERR_INVALID_ARG_TYPE()
    {
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer();
            var e = Assert.ThrowsAny<ArgumentNullException>(() => s.Listen((ListenOptions)null!));
            Assert.Equal("options", e.ParamName);
            Assert.Equal("ERR_INVALID_ARG_TYPE", ((INodeError)e).Code);
            Assert.Equal("The \"options\" argument must be of type object. Received null", e.Message);
            e = Assert.ThrowsAny<ArgumentNullException>(() => s.GetConnections(null!));
            Assert.Equal("The \"callback\" argument must be of type function. Received null", e.Message);
            e = Assert.ThrowsAny<ArgumentNullException>(() => s.On(null!, () => { }));
            Assert.Equal("The \"eventName\" argument must be of type string. Received null", e.Message);
        });
    }
}
