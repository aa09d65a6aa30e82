using System.Net;
using System.Net.Sockets;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.NetParity;

/// <summary>test-net-listen-fd0 / test-net-socket-fd: adopting descriptors, as systemd socket activation hands them over.</summary>
public class ListenFdTests
{
    [Fact]
    public void Listen_on_an_already_bound_descriptor()
    {
        using var bound = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        int fd = (int)bound.SafeHandle.DangerousGetHandle();
        string? echoed = null;
        AddressInfo? address = null;
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer(s => s.On<byte[]>("data", d => s.End(d)));
            server.Listen(new ListenOptions { Fd = fd }, () =>
            {
                address = server.Address();
                var c = Net.Connect(port, "127.0.0.1", () => { });
                c.SetEncoding("utf8");
                c.Write("via fd");
                c.On<string>("data", d => echoed = d);
                c.On("close", () => server.Close());
            });
        });
        Assert.Equal("via fd", echoed);
        Assert.Equal(port, address!.Port);
    }

    [Fact]
    public void Listen_on_a_descriptor_that_is_not_a_socket_is_EINVAL_with_null_address()
    {
        string file = Path.Combine(TestLoop.TempDir(), "plain");
        using var fs = File.Create(file);
        int fd = (int)fs.SafeFileHandle.DangerousGetHandle();
        INodeError? error = null;
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer();
            server.On<Exception>("error", e => error = (INodeError)e);
            server.Listen(new ListenOptions { Fd = fd });
        });
        Assert.Equal("EINVAL", error!.Code);
        Assert.Equal("listen", error.Syscall);
        Assert.Null(error.Address);
    }

    [Fact]
    public void Socket_wraps_a_connected_descriptor()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, port);
        using var peer = listener.AcceptSocket();
        peer.Send("hello fd"u8.ToArray());
        peer.Shutdown(SocketShutdown.Send);
        int fd = (int)client.SafeHandle.DangerousGetHandle();
        string got = "";
        int? remotePort = null;
        TestLoop.Run(() =>
        {
            var s = new Socket(new SocketOptions { Fd = fd });
            remotePort = s.RemotePort;
            s.SetEncoding("utf8");
            s.On<string>("data", d => got += d);
            s.On("end", () => { });
        });
        Assert.Equal("hello fd", got);
        Assert.Equal(port, remotePort);
    }

    [Fact]
    public void Socket_refuses_a_descriptor_that_is_not_a_socket()
    {
        string file = Path.Combine(TestLoop.TempDir(), "plain");
        using var fs = File.Create(file);
        int fd = (int)fs.SafeFileHandle.DangerousGetHandle();
        INodeError? e = null;
        TestLoop.Run(() => e = NodeAssert.Throws(() => new Socket(new SocketOptions { Fd = fd })));
        Assert.Equal("ERR_INVALID_FD_TYPE", e!.Code);
        Assert.Equal("TypeError", e.Name);
    }

    [Fact]
    public void Listen_on_another_servers_handle_shares_its_listening_socket()
    {
        int served = 0, port = 0;
        TestLoop.Run(() =>
        {
            var first = Net.CreateServer();
            first.Listen(0, "127.0.0.1", () =>
            {
                port = first.Address()!.Port;
                var second = Net.CreateServer(s => { served++; s.End("from second"); });
                second.Listen(first, () =>
                {
                    Assert.Equal(port, second.Address()!.Port);
                    first.Close(); // only the second accepts now
                    var c = Net.Connect(port, "127.0.0.1");
                    c.Resume();
                    c.On("close", () => second.Close());
                });
            });
        });
        Assert.Equal(1, served);
    }

    [Fact]
    public void ReusePort_lets_two_servers_listen_on_one_port()
    {
        bool secondListening = false;
        TestLoop.Run(() =>
        {
            var a = Net.CreateServer();
            a.Listen(new ListenOptions { Port = 0, Host = "127.0.0.1", ReusePort = true }, () =>
            {
                var b = Net.CreateServer();
                b.On<Exception>("error", e => { a.Close(); throw e; });
                b.Listen(new ListenOptions { Port = a.Address()!.Port, Host = "127.0.0.1", ReusePort = true }, () =>
                {
                    secondListening = true;
                    b.Close();
                    a.Close();
                });
            });
        });
        Assert.True(secondListening);
    }

    [Fact]
    public void Without_ReusePort_the_second_server_gets_EADDRINUSE()
    {
        string? code = null;
        TestLoop.Run(() =>
        {
            var a = Net.CreateServer();
            a.Listen(new ListenOptions { Port = 0, Host = "127.0.0.1", ReusePort = true }, () =>
            {
                var b = Net.CreateServer();
                b.On<Exception>("error", e => { code = ((INodeError)e).Code; a.Close(); });
                b.Listen(new ListenOptions { Port = a.Address()!.Port, Host = "127.0.0.1" });
            });
        });
        Assert.Equal("EADDRINUSE", code);
    }
}
