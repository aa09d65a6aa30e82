using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.NetParity;

/// <summary>
/// socket.setKeepAlive as Node 26 does it: each case runs in node 26 under strace (what reaches setsockopt is all a
/// script cannot see) and in NodeNet, where the socket's options are read back. SO_KEEPALIVE, TCP_KEEPIDLE,
/// TCP_KEEPINTVL and TCP_KEEPCNT must end the same: set where node set them, the system's default where it did not.
/// </summary>
public class KeepAliveTests
{
    private sealed record Case(string Js, Action<Socket> Call);

    // Each JS argument list beside the same call in NodeNet.
    private static readonly Case[] Cases =
    [
        new("true, 5000", s => s.SetKeepAlive(true, 5000)),
        new("{ enable: true, initialDelay: 5000, interval: 2000, count: 3 }", s => s.SetKeepAlive(new KeepAliveOptions { Enable = true, InitialDelay = 5000, Interval = 2000, Count = 3 })),
        new("{ enable: true, initialDelay: 5000, interval: 2000 }", s => s.SetKeepAlive(new KeepAliveOptions { Enable = true, InitialDelay = 5000, Interval = 2000 })),
        new("{ enable: true, initialDelay: 5000, count: 3 }", s => s.SetKeepAlive(new KeepAliveOptions { Enable = true, InitialDelay = 5000, Count = 3 })),
        new("true, 1500, 2500, 7", s => s.SetKeepAlive(true, 1500, 2500, 7)),
        new("true", s => s.SetKeepAlive(true)),
        new("true, 0", s => s.SetKeepAlive(true, 0)),
        new("{ enable: true, initialDelay: 5000, interval: 500 }", s => s.SetKeepAlive(new KeepAliveOptions { Enable = true, InitialDelay = 5000, Interval = 500 })),
        new("{ enable: true, initialDelay: 5000, interval: -2000 }", s => s.SetKeepAlive(true, 5000, -2000)),
        new("{ enable: true, initialDelay: 5000, count: -2 }", s => s.SetKeepAlive(true, 5000, null, -2)),
        new("{ enable: true, initialDelay: 5000, count: 0 }", s => s.SetKeepAlive(true, 5000, null, 0)),
        new("{ enable: true, interval: 3000 }", s => s.SetKeepAlive(new KeepAliveOptions { Enable = true, Interval = 3000 })),
        new("{ enable: true, initialDelay: -1000 }", s => s.SetKeepAlive(new KeepAliveOptions { Enable = true, InitialDelay = -1000 })),
        new("false", s => s.SetKeepAlive(false)),
    ];

    private static readonly (string name, int level, int option)[] Options =
        [("SO_KEEPALIVE", 1, 9), ("TCP_KEEPIDLE", 6, 4), ("TCP_KEEPINTVL", 6, 5), ("TCP_KEEPCNT", 6, 6)];

    [Fact]
    public async Task Each_call_leaves_the_options_node_26_leaves()
    {
        Assert.True(OperatingSystem.IsLinux(), "strace and these option numbers are Linux's");
        var node = NodeSettings();
        var defaults = Read(new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var differences = new List<string>();
        for (int i = 0; i < Cases.Length; i++)
        {
            var socket = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
            var ours = await loop.On(() => { Cases[i].Call(socket); return Read(FdOf(socket)); });
            await loop.On(() => socket.Destroy());
            var expected = new Dictionary<string, int>(defaults);
            foreach (var (name, value) in node[i]) expected[name] = value;
            foreach (var (name, _, _) in Options)
                if (ours[name] != expected[name])
                    differences.Add($"setKeepAlive({Cases[i].Js}): {name} is {ours[name]}, node 26 leaves {expected[name]}");
        }
        await loop.On(() => server.Close());
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task Settings_given_before_connect_are_applied_after_it()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var connected = new TaskCompletionSource<Dictionary<string, int>>();
        await loop.On(() =>
        {
            var s = new Socket();
            s.SetKeepAlive(true, 3000, 4000, 5);
            s.Connect(port, "127.0.0.1", () => { connected.SetResult(Read(FdOf(s))); s.Destroy(); });
        });
        var got = await connected.Task.WaitAsync(LoopHelpers.Deadline);
        Assert.Equal((1, 3, 4, 5), (got["SO_KEEPALIVE"], got["TCP_KEEPIDLE"], got["TCP_KEEPINTVL"], got["TCP_KEEPCNT"]));
        await loop.On(() => server.Close());
    }

    /// <summary>Per case, the options node 26 set successfully (the last value of each), from strace's record.</summary>
    private static List<Dictionary<string, int>> NodeSettings()
    {
        string dir = TestLoop.TempDir();
        string script = Path.Combine(dir, "keepalive.js"), trace = Path.Combine(dir, "trace.txt");
        File.WriteAllText(script, $$"""
            const net = require('net'), fs = require('fs');
            const cases = [{{string.Join(",\n", Cases.Select(c => $"s => s.setKeepAlive({c.Js})"))}}];
            const server = net.createServer(c => c.resume()).listen(0, '127.0.0.1', async () => {
              for (let i = 0; i < cases.length; i++) {
                await new Promise(done => {
                  const s = net.connect(server.address().port, '127.0.0.1', () => {
                    fs.writeSync(1, `CASE ${i}\n`); cases[i](s); fs.writeSync(1, `DONE ${i}\n`); s.destroy(); done();
                  });
                });
              }
              server.close();
            });
            """);
        var (code, _, err) = ProcessRunner.Run("strace", ["-f", "-qq", "-o", trace, "-e", "trace=write,setsockopt", NodeReference.Path, script], timeoutMs: 60_000);
        Assert.True(code == 0, "strace of node failed (the Test target installs strace):\n" + err);
        var result = new List<Dictionary<string, int>>();
        Dictionary<string, int>? current = null;
        foreach (string line in File.ReadLines(trace))
        {
            if (Regex.Match(line, @"write\(1, ""CASE (\d+)") is { Success: true }) { current = new(); result.Add(current); continue; }
            if (line.Contains("write(1, \"DONE")) { current = null; continue; }
            var m = Regex.Match(line, @"setsockopt\(\d+, SOL_(?:SOCKET|TCP), (SO_KEEPALIVE|TCP_KEEPIDLE|TCP_KEEPINTVL|TCP_KEEPCNT), \[(-?\d+)\], 4\) = 0");
            if (current != null && m.Success) current[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
        }
        Directory.Delete(dir, true);
        Assert.Equal(Cases.Length, result.Count);
        return result;
    }

    private static NetSocket FdOf(Socket s)
    {
        var handle = typeof(Socket).GetField("_handle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(s)!;
        var fd = (nint)handle.GetType().GetMethod("FileNo")!.Invoke(handle, null)!;
        return new NetSocket(new SafeSocketHandle(fd, ownsHandle: false));
    }

    private static Dictionary<string, int> Read(NetSocket s)
    {
        var values = new Dictionary<string, int>();
        Span<byte> value = stackalloc byte[4];
        foreach (var (name, level, option) in Options)
        {
            s.GetRawSocketOption(level, option, value);
            values[name] = BitConverter.ToInt32(value);
        }
        s.Dispose();
        return values;
    }
}
