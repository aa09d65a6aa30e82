using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Inputs where NodeNet is stricter than Node on purpose; each node behaviour is run here too (under the reference
/// node), so the difference documented in docs/differences-from-node.md stays true. A NUL inside a host or a socket path,
/// once such a difference, is now refused by Node itself as by NodeNet: the scenario nul-in-host-or-path compares them.</summary>
public class InputTests
{
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

        // node emits the same 'error' and 'close', then connects anyway (connect() un-destroys the socket).
        string script = "const net=require('net');const s=net.createServer(c=>{console.log('accepted');c.destroy();s.close()})" +
            ".listen(0,'127.0.0.1',()=>{const c=net.connect({port:s.address().port,host:'127.0.0.1',signal:AbortSignal.abort()});" +
            "c.on('error',e=>console.log(e.code));c.on('close',()=>console.log('close'))})";
        var (_, stdout, _) = ProcessRunner.Run(NodeReference.Path, ["-e", script], timeoutMs: 10_000);
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
