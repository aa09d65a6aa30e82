using System.Net;
using Xunit;

namespace NodeNet.Tests.NetParity;

/// <summary>Members Node added after 20 (blockList on servers and sockets, typeOfService), which node 20 cannot be
/// compared with.</summary>
public class NewerThanNode20Tests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_server_blockList_closes_blocked_peers_at_accept_with_no_event()
    {
        var blocked = new Net.BlockList();
        blocked.AddAddress("127.0.0.2");
        await using var loop = EventLoop.StartHosted();
        var events = new List<string>();
        var server = loop.CreateServer(new ServerOptions { BlockList = blocked, Loops = 2 });
        await loop.InvokeAsync(() =>
        {
            server.Connection += s => { lock (events) events.Add("connection " + s.RemoteAddress); s.End(); };
            server.Dropped += _ => { lock (events) events.Add("drop"); };
        });
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        // From 127.0.0.2 (blocked): accepted by the kernel, closed at once by the server.
        var fromBlocked = await loop.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", LocalAddress = "127.0.0.2" }).WaitAsync(Deadline);
        var reason = (await fromBlocked.Completion.WaitAsync(Deadline)).Reason;
        Assert.Contains(reason, new[] { SocketCloseReason.PeerEnded, SocketCloseReason.PeerReset });
        // From 127.0.0.1: served.
        var allowed = await loop.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1" }).WaitAsync(Deadline);
        await allowed.Completion.WaitAsync(Deadline);
        await server.DisposeAsync();
        lock (events) Assert.Equal(["connection 127.0.0.1"], events);
    }

    [Fact]
    public async Task A_socket_blockList_refuses_to_connect_with_ERR_IP_BLOCKED()
    {
        var blocked = new Net.BlockList();
        blocked.AddSubnet("127.0.0.0", 8);
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var refused = await Assert.ThrowsAnyAsync<IOException>(() =>
            loop.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", BlockList = blocked }).WaitAsync(Deadline));
        Assert.Equal("ERR_IP_BLOCKED", ((INodeError)refused).Code);
        Assert.Equal("IP(127.0.0.1) is blocked by net.BlockList", refused.Message);
        Assert.True(blocked.Check(IPAddress.Parse("127.1.2.3")));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Type_of_service_is_set_before_and_after_connecting()
    {
        if (OperatingSystem.IsWindows()) return; // Windows does not let applications set it: ENOTSUP (checked under Wine)
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var client = await loop.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", TypeOfService = 0x10 }).WaitAsync(Deadline);
        Assert.Equal(0x10, await loop.InvokeAsync(client.GetTypeOfService));
        Assert.Equal(0x28, await loop.InvokeAsync(() => client.SetTypeOfService(0x28).GetTypeOfService()));
        var range = await Assert.ThrowsAsync<NodeNetArgumentOutOfRangeException>(() => loop.InvokeAsync(() => client.SetTypeOfService(256)));
        Assert.Equal("The value of \"tos\" is out of range. It must be >= 0 && <= 255. Received 256", range.Message);
        var unconnected = loop.CreateSocket();
        Assert.Equal(7, await loop.InvokeAsync(() => unconnected.SetTypeOfService(7).GetTypeOfService()));
        await server.DisposeAsync();
    }

    /// <summary>Node 22.8: listen(port, name) skips IPv6 link-local answers. A resolver that gives fe80:: addresses needs an
    /// interface this sandbox's loopback cannot have, so the choice is tested on its own.</summary>
    [Fact]
    public void A_listen_host_that_resolves_to_link_local_addresses_listens_on_the_first_other_one()
    {
        static Uv.UvGetAddrInfo.Result R(string address) => new(address, address.Contains(':') ? 6 : 4);
        Assert.Equal("::1", Server.ListenAddress([R("fe80::1"), R("febf::2"), R("::1"), R("127.0.0.1")]).Address);
        Assert.Equal("127.0.0.1", Server.ListenAddress([R("fe80::1"), R("127.0.0.1")]).Address);
        Assert.Equal("fec0::1", Server.ListenAddress([R("fec0::1"), R("127.0.0.1")]).Address); // fec0::/10 is not link-local
        Assert.Equal("fe80::1", Server.ListenAddress([R("fe80::1"), R("fe80::2")]).Address);  // none other: the first
    }

    /// <summary>What parse finds is compared with node 26 by the scenario socket-address-parse; here, the .NET side of it.</summary>
    [Fact]
    public void A_parsed_SocketAddress_converts_to_an_IPEndPoint()
    {
        var v6 = Net.SocketAddress.Parse("[::1]:8124")!;
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 8124), v6.ToEndPoint());
        // Port 80 is http's default, which the URL parser Node reads the input with does not report.
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0), Net.SocketAddress.Parse("0x7f.1:80")!.ToEndPoint());
        Assert.False(Net.BlockList.IsBlockList("not one"));
    }
}
