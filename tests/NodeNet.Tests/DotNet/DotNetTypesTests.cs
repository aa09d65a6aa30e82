using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NodeNet.Tests.DotNet;

/// <summary>.NET's types beside Node's: endpoints, TimeSpan, UnixFileMode and enums.</summary>
public class DotNetTypesTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task Tcp_endpoints_are_IPEndPoints_that_match_Nodes_addresses()
    {
        await using var loop = EventLoop.StartHosted();
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = loop.CreateServer(accepted.SetResult);
        var bound = await server.ListenAsync(new IPEndPoint(IPAddress.Loopback, 0)).WaitAsync(Deadline);
        Assert.Equal(AddressFamily.InterNetwork, bound.AddressFamily);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, bound.Port), bound.EndPoint);
        Assert.Equal(bound.EndPoint, await loop.On(() => server.LocalEndPoint));

        var client = await loop.ConnectAsync(new DnsEndPoint("localhost", bound.Port, AddressFamily.InterNetwork)).WaitAsync(Deadline);
        var peer = await accepted.Task.WaitAsync(Deadline);
        await loop.On(() =>
        {
            Assert.Equal(new IPEndPoint(IPAddress.Parse(client.RemoteAddress!), client.RemotePort!.Value), client.RemoteEndPoint);
            Assert.Equal(client.LocalEndPoint, peer.RemoteEndPoint);
            Assert.Equal(client.RemoteEndPoint, peer.LocalEndPoint);
            Assert.Equal(AddressFamily.InterNetwork, client.RemoteAddressFamily);
            Assert.Equal(SocketReadyState.Open, client.State);
            client.End();
            Assert.Equal(SocketReadyState.ReadOnly, client.State);
            Assert.Equal("readOnly", client.ReadyState);
        });
        await server.DisposeAsync();
    }

    [Fact]
    public async Task IPv6Any_listens_dual_stack_as_Nodes_default_does()
    {
        await using var loop = EventLoop.StartHosted();
        var server = loop.CreateServer(s => s.End());
        var bound = await server.ListenAsync(new IPEndPoint(IPAddress.IPv6Any, 0)).WaitAsync(Deadline);
        Assert.Equal("::", bound.Address);
        var v4 = await Net.ConnectAsync(new IPEndPoint(IPAddress.Loopback, bound.Port)).WaitAsync(Deadline);
        Assert.Equal(SocketCloseReason.PeerEnded, (await v4.Completion.WaitAsync(Deadline)).Reason);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Unix_socket_endpoints_name_the_path_on_the_side_that_has_one()
    {
        if (OperatingSystem.IsWindows()) return;
        string dir = TestLoop.TempDir();
        string path = Path.Combine(dir, "e.sock");
        await using var loop = EventLoop.StartHosted();
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = loop.CreateServer(accepted.SetResult);
        var bound = await server.ListenAsync(new UnixDomainSocketEndPoint(path)).WaitAsync(Deadline);
        Assert.True(bound.IsPipe);
        Assert.Equal(path, bound.Address);
        Assert.Equal(AddressFamily.Unix, bound.AddressFamily);
        var client = await loop.ConnectAsync(new UnixDomainSocketEndPoint(path)).WaitAsync(Deadline);
        var peer = await accepted.Task.WaitAsync(Deadline);
        await loop.On(() =>
        {
            Assert.Equal(path, client.RemoteEndPoint!.ToString());
            Assert.Null(client.LocalEndPoint);  // a client's end has no name
            Assert.Equal(path, peer.LocalEndPoint!.ToString());
            Assert.Null(peer.RemoteEndPoint);
        });
        await server.DisposeAsync();
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task An_abstract_unix_endpoint_keeps_its_leading_NUL()
    {
        if (!OperatingSystem.IsLinux()) return;
        string name = "\0nodenet-endpoint-" + Guid.NewGuid().ToString("N")[..8];
        await using var loop = EventLoop.StartHosted();
        var server = loop.CreateServer(s => s.End("hi"u8.ToArray()));
        var bound = await server.ListenAsync(new UnixDomainSocketEndPoint(name)).WaitAsync(Deadline);
        Assert.Equal(name, bound.Address);
        var client = await Net.ConnectAsync(name).WaitAsync(Deadline);
        var buffer = new byte[2];
        Assert.Equal(2, await client.ReadAsync(buffer).AsTask().WaitAsync(Deadline));
        await server.DisposeAsync();
    }

    private sealed class OtherEndPoint : EndPoint;

    [Fact]
    public void An_endpoint_of_another_kind_is_an_argument_error()
    {
        TestLoop.Run(() =>
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => Net.CreateServer().Listen(new OtherEndPoint()));
            Assert.Equal("ERR_INVALID_ARG_TYPE", ((INodeError)e).Code);
            Assert.StartsWith("The \"endPoint\" argument must be an instance of IPEndPoint, DnsEndPoint or UnixDomainSocketEndPoint", e.Message);
            Assert.ThrowsAny<ArgumentException>(() => new Socket().Connect((EndPoint)null!));
        });
    }

    [Fact]
    public void TimeSpan_overloads_set_the_same_timeout()
    {
        double? set = null;
        bool timedOut = false;
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer(s => s.SetKeepAlive(true, TimeSpan.FromSeconds(30)));
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(server.Address()!.Port, "127.0.0.1");
                c.SetTimeout(TimeSpan.FromMilliseconds(40), () => { timedOut = true; c.Destroy(); server.Close(); });
                set = c.Timeout;
            });
        });
        Assert.Equal(40, set);
        Assert.True(timedOut);
    }
}
