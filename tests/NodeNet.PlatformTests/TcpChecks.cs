using static NodeNet.PlatformTests.Helpers;

namespace NodeNet.PlatformTests;

/// <summary>TCP on the platform, as Node documents it for Windows too (libuv's binding rules included).</summary>
internal static class TcpChecks
{
    public static async Task Echo(int bytes, int connections)
    {
        await using var loop = EventLoop.StartHosted();
        var server = await EchoServer(loop);
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var clients = new List<Socket>();
        for (int i = 0; i < connections; i++) clients.Add(await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline));
        await Task.WhenAll(clients.Select((c, i) => EchoRoundTrip(c, bytes, 100 + i))).WaitAsync(TimeSpan.FromSeconds(120));
        foreach (var c in clients) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task ListenAnyPort()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer());
        var address = await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline);
        Expect.That(address.Port is > 0 and < 65536, $"port 0 chose a port ({address.Port})");
        Expect.Equal("127.0.0.1", address.Address, "address");
        Expect.Equal("IPv4", address.Family, "family");
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task DefaultHostDualStack()
    {
        // No host: '::' when IPv6 is there (dual-stack, so IPv4 clients connect too), else the 0.0.0.0 fallback.
        await using var loop = EventLoop.StartHosted();
        var server = await EchoServer(loop);
        var address = await server.ListenAsync(0).WaitAsync(Deadline);
        Expect.That(address.Address is "::" or "0.0.0.0", $"the default host is :: or 0.0.0.0 ({address.Address})");
        Expect.Equal(address.Address == "::" ? "IPv6" : "IPv4", address.Family, "family");
        await using var v4 = await Net.ConnectAsync(address.Port, "127.0.0.1").WaitAsync(Deadline);
        await EchoRoundTrip(v4, 1000, 5);
        await v4.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task Refused()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer());
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        await server.CloseAsync().WaitAsync(Deadline);
        var e = await Fails(() => Net.ConnectAsync(port, "127.0.0.1"), "connecting to a closed port");
        Expect.Equal("ECONNREFUSED", e.Code, "code");
        Expect.Equal("connect", e.Syscall, "syscall");
        Expect.Equal("127.0.0.1", e.Address, "address");
        Expect.Equal(port, e.Port, "port");
        Expect.Equal($"connect ECONNREFUSED 127.0.0.1:{port}", e.Message, "message");
    }

    public static async Task AddressInUse()
    {
        // libuv binds without SO_REUSEADDR's port sharing on Windows (as Node does), so a second listener is refused
        // on every platform.
        await using var loop = EventLoop.StartHosted();
        var first = await loop.On(() => Net.CreateServer());
        int port = (await first.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var second = await loop.On(() => Net.CreateServer());
        var e = await Fails(() => second.ListenAsync(port, "127.0.0.1"), "a second listen on the same port");
        Expect.Equal("EADDRINUSE", e.Code, "code");
        Expect.Equal("listen", e.Syscall, "syscall");
        Expect.Equal("127.0.0.1", e.Address, "address");
        Expect.Equal(port, e.Port, "port");
        Expect.Equal($"listen EADDRINUSE: address already in use 127.0.0.1:{port}", e.Message, "message");
        await first.CloseAsync().WaitAsync(Deadline);
    }
}
