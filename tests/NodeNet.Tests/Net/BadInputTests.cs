using Xunit;

namespace NodeNet.Tests.NetParity;

/// <summary>Every public entry point answers bad input with a clear exception, never a crash or a hang.</summary>
public class BadInputTests
{
    /// <summary>The .NET type a .NET caller catches (ArgumentException, ArgumentOutOfRangeException), carrying Node's code.</summary>
    private static INodeError Throws<T>(Action a) where T : Exception => Assert.IsAssignableFrom<INodeError>(Assert.ThrowsAny<T>(a));

    [Fact]
    public void Module_functions()
    {
        TestLoop.Run(() =>
        {
            Assert.Equal("ERR_INVALID_ARG_TYPE", Throws<ArgumentException>(() => Net.Connect((string)null!)).Code);
            Assert.ThrowsAny<ArgumentNullException>(() => Net.Connect((ConnectOptions)null!));
            Assert.Equal("ERR_SOCKET_BAD_PORT", Throws<ArgumentOutOfRangeException>(() => Net.Connect(-5)).Code);
            Assert.Equal("ERR_SOCKET_BAD_PORT", Throws<ArgumentOutOfRangeException>(() => Net.Connect("1.5")).Code);
            Assert.Equal(0, Net.IsIP(null));
        });
    }

    [Fact]
    public void Server_methods()
    {
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer();
            Assert.ThrowsAny<ArgumentNullException>(() => s.Listen((ListenOptions)null!));
            Assert.Equal("ERR_INVALID_ARG_TYPE", Throws<ArgumentException>(() => s.Listen((string)null!)).Code);
            Assert.ThrowsAny<ArgumentNullException>(() => s.Listen((Server)null!));
            Assert.Equal("ERR_INVALID_ARG_VALUE", Throws<ArgumentException>(() => s.Listen(Net.CreateServer())).Code);
            Assert.Equal("ERR_INVALID_ARG_VALUE", Throws<ArgumentException>(() => s.Listen(new ListenOptions { Fd = -3 })).Code);
            Assert.ThrowsAny<ArgumentNullException>(() => s.GetConnections(null!));
            Assert.Equal("ERR_INVALID_ARG_TYPE", Throws<ArgumentException>(() => s.On("x", (Action)null!)).Code);
            Assert.False(s.Listening);
        });
    }

    [Fact]
    public void Socket_methods()
    {
        TestLoop.Run(() =>
        {
            var c = new Socket();
            Assert.Equal("ERR_STREAM_NULL_VALUES", Throws<ArgumentException>(() => c.Write((byte[])null!)).Code);
            Assert.Equal("ERR_STREAM_NULL_VALUES", Throws<ArgumentException>(() => c.Write((string)null!)).Code);
            Assert.ThrowsAny<ArgumentOutOfRangeException>(() => c.Write(new byte[4], 3, 2));
            Assert.ThrowsAny<ArgumentOutOfRangeException>(() => c.Write(new byte[4], -1, 2));
            Assert.Equal("ERR_UNKNOWN_ENCODING", Throws<ArgumentException>(() => c.Write("x", "nope")).Code);
            Assert.Equal("ERR_UNKNOWN_ENCODING", Throws<ArgumentException>(() => c.SetEncoding("nope")).Code);
            Assert.Equal("ERR_OUT_OF_RANGE", Throws<ArgumentOutOfRangeException>(() => c.SetTimeout(-1)).Code);
            Assert.Equal("ERR_MISSING_ARGS", Throws<ArgumentException>(() => c.Connect(new ConnectOptions())).Code);
            Assert.Equal("ERR_INVALID_ARG_VALUE", Throws<ArgumentException>(() => c.Connect(new ConnectOptions { Port = 1, Family = 5 })).Code);
            Assert.Equal("ERR_INVALID_ARG_TYPE", Throws<ArgumentException>(() => c.Connect((string)null!)).Code);
            Assert.Equal("ERR_SOCKET_BAD_PORT", Throws<ArgumentOutOfRangeException>(() => c.Connect(new ConnectOptions { Port = 1, LocalPort = 70000 })).Code);
            c.Destroy();
        });
    }

    [Fact]
    public void Node_style_calls_off_the_loop_say_how_to_fix_it()
    {
        // Created off any loop, objects bind to EventLoop.Default; its Node-style methods belong to that loop's thread.
        var server = Net.CreateServer();
        var e = Assert.ThrowsAny<InvalidOperationException>(() => server.Listen(0));
        Assert.Contains("Task-based", e.Message);
        Assert.ThrowsAny<InvalidOperationException>(() => new Socket().Connect(80));
    }
}
