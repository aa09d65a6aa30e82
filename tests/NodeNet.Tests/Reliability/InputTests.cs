using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Inputs where NodeNet is stricter than node 20 on purpose; each node behaviour is run here too, so the
/// difference documented in docs/differences-from-node.md stays true.</summary>
public class InputTests
{
    [Theory]
    [InlineData("host")]
    [InlineData("path")]
    public void A_NUL_byte_in_a_host_or_path_is_refused_where_node_cuts_the_string_short(string where)
    {
        string dir = TestLoop.TempDir();
        string truncated = Path.Combine(dir, "s");
        string withNul = truncated + "\0evil";
        TestLoop.Run(() =>
        {
            var listen = NodeAssert.Throws(() => where == "host"
                ? Net.CreateServer().Listen(0, "127.0.0.1\0evil")
                : Net.CreateServer().Listen(withNul));
            Assert.Equal("ERR_INVALID_ARG_VALUE", listen.Code);
            Assert.Contains("without null bytes", listen.Message);
            var connect = NodeAssert.Throws(() => where == "host"
                ? Net.Connect(new ConnectOptions { Port = 1, Host = "127.0.0.1\0evil" })
                : Net.Connect(new ConnectOptions { Path = withNul }));
            Assert.Equal("ERR_INVALID_ARG_VALUE", connect.Code);
        });
        Assert.False(File.Exists(truncated));

        if (where == "path")
        {
            // node 20 listens on the name cut at the NUL (and reports the uncut one as its address).
            string script = $"const s=require('net').createServer().listen({System.Text.Json.JsonSerializer.Serialize(withNul)}," +
                "()=>{console.log(require('fs').existsSync(process.argv[1]));s.close()})";
            var (_, stdout, stderr) = ProcessRunner.Run("node", ["-e", script, truncated]);
            Assert.Equal("true", stdout.Trim() + stderr.Trim());
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void An_already_cancelled_signal_destroys_the_socket_and_connects_nothing()
    {
        var events = new List<string>();
        int accepted = 0;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            var server = Net.CreateServer(s => { accepted++; s.Destroy(); });
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(new ConnectOptions { Port = server.Address()!.Port, Host = "127.0.0.1", Signal = new CancellationToken(true) });
                events.Add($"destroyed {c.Destroyed}");
                c.On<Exception>("error", e => events.Add(((INodeError)e).Code));
                c.On("close", () => events.Add("close"));
                c.On("connect", () => events.Add("connect"));
                loop.SetTimeout(() => server.Close(), 200);
            });
        });
        Assert.Equal(["destroyed True", "ABORT_ERR", "close"], events);
        Assert.Equal(0, accepted);

        // node 20 emits the same 'error' and 'close', then connects anyway (connect() un-destroys the socket).
        string script = "const net=require('net');const s=net.createServer(c=>{console.log('accepted');c.destroy();s.close()})" +
            ".listen(0,'127.0.0.1',()=>{const c=net.connect({port:s.address().port,host:'127.0.0.1',signal:AbortSignal.abort()});" +
            "c.on('error',e=>console.log(e.code));c.on('close',()=>console.log('close'))})";
        var (_, stdout, _) = ProcessRunner.Run("node", ["-e", script], timeoutMs: 10_000);
        Assert.Equal(["ABORT_ERR", "close", "accepted"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ConnectAsync_applies_ConnectOptions_Timeout_and_refuses_a_negative_one()
    {
        var e = await NodeAssert.ThrowsAsync(() =>
            Net.ConnectAsync(new ConnectOptions { Port = 1, Host = "127.0.0.1", Timeout = -1 }).WaitAsync(LoopHelpers.Deadline));
        Assert.Equal("ERR_OUT_OF_RANGE", e.Code);
    }

    [Fact]
    public void Every_options_property_shows_in_error_messages_when_set()
    {
        // NodeErrors lists the options' properties by hand (no reflection, for AOT): a new property must be added there.
        foreach (var type in new[] { typeof(ListenOptions), typeof(ConnectOptions), typeof(ServerOptions), typeof(SocketOptions) })
            foreach (var p in type.GetProperties().Where(p => p.PropertyType.IsPrimitive || p.PropertyType.IsEnum || p.PropertyType == typeof(string) ||
                         Nullable.GetUnderlyingType(p.PropertyType) is { IsPrimitive: true }))
            {
                object options = Activator.CreateInstance(type)!;
                object value = p.PropertyType.IsEnum ? Enum.GetValues(p.PropertyType).GetValue(1)!
                    : p.PropertyType == typeof(string) ? "v"
                    : p.PropertyType == typeof(bool) ? !(bool)p.GetValue(options)!
                    : p.PropertyType == typeof(bool?) ? true
                    : p.PropertyType == typeof(double) || p.PropertyType == typeof(double?) ? (object)7.5
                    : (object)7;
                p.SetValue(options, value);
                string shown = NodeErrors.InvalidArgValue("options", options).Message;
                string name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
                Assert.True(shown.Contains(name + ":"), $"{type.Name}.{p.Name} is missing from \"{shown}\"");
            }
    }
}
