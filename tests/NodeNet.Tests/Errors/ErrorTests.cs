using NodeNet.Native;
using Xunit;

namespace NodeNet.Tests.Errors;

public class ErrorTests
{
    [Fact]
    public void Listen_errors_use_Nodes_message_and_fields()
    {
        LibuvLoader.EnsureLoaded();
        var e = NodeNetException.Listen(UvErrors.EADDRINUSE, "listen", "127.0.0.1", 8124);
        Assert.Equal("listen EADDRINUSE: address already in use 127.0.0.1:8124", e.Message);
        Assert.Equal("EADDRINUSE", e.Code);
        Assert.Equal(UvErrors.EADDRINUSE, e.Errno);
        Assert.True(e.Errno < 0);
        Assert.Equal("listen", e.Syscall);
        Assert.Equal("127.0.0.1", e.Address);
        Assert.Equal(8124, e.Port);
    }

    [Fact]
    public void Port_zero_is_omitted_and_pipes_keep_minus_one()
    {
        LibuvLoader.EnsureLoaded();
        Assert.Null(NodeNetException.Listen(UvErrors.EADDRINUSE, "listen", "10.1.1.1", 0).Port);
        var pipe = NodeNetException.Listen(UvErrors.EADDRINUSE, "listen", "/tmp/x.sock", -1);
        Assert.Equal(-1, pipe.Port);
        Assert.Equal("listen EADDRINUSE: address already in use /tmp/x.sock", pipe.Message);
    }

    [Fact]
    public void Connect_and_errno_messages()
    {
        LibuvLoader.EnsureLoaded();
        Assert.Equal("connect ECONNREFUSED 127.0.0.1:9", NodeNetException.Connect(UvErrors.ECONNREFUSED, "connect", "127.0.0.1", 9).Message);
        Assert.Equal("connect ENOENT /no/such", NodeNetException.Connect(UvErrors.ENOENT, "connect", "/no/such", -1).Message);
        var r = NodeNetException.FromUv(UvErrors.ECONNRESET, "read");
        Assert.Equal("read ECONNRESET", r.Message);
        Assert.Null(r.Address);
    }

    [Fact]
    public void Node_argument_errors_have_Nodes_text()
    {
        var port = NodeErrors.SocketBadPort("options.port", -1);
        Assert.Equal("options.port should be >= 0 and < 65536. Received type number (-1).", port.Message);
        Assert.Equal("RangeError", port.Name);
        Assert.Equal("RangeError [ERR_SOCKET_BAD_PORT]: " + port.Message, port.ToNodeString());
        Assert.Equal("The \"options\" argument must be of type object. Received type number (1)",
            NodeErrors.InvalidArgType("options", "of type object", 1).Message);
        Assert.Equal("The \"options.port\" property must be of type number. Received type string ('abc')",
            NodeErrors.InvalidArgType("options.port", "of type number", "abc").Message);
    }

    [Fact]
    public void Error_codes_come_from_the_loaded_libuv_not_from_constants()
    {
        LibuvLoader.EnsureLoaded();
        Assert.Equal("EADDRINUSE", UvErrors.Name(UvErrors.EADDRINUSE));
        Assert.Equal("EOF", UvErrors.Name(UvErrors.EOF));
        Assert.Equal("end of file", UvErrors.Message(UvErrors.EOF));
        Assert.True(UvErrors.ByName.Count > 70);
    }
}
