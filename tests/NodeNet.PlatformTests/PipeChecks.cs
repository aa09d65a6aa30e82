using System.Text;
using static NodeNet.PlatformTests.Helpers;

namespace NodeNet.PlatformTests;

/// <summary>IPC through one API: Windows named pipes (\\.\pipe\name) and Unix domain sockets, with Node's semantics.</summary>
internal static class PipeChecks
{
    public static async Task Echo(int bytes, int connections)
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var server = await EchoServer(loop);
        await server.ListenAsync(name).WaitAsync(Deadline);
        var clients = new List<Socket>();
        for (int i = 0; i < connections; i++) { var c = await Net.ConnectAsync(name).WaitAsync(Deadline); clients.Add(c); }
        await Task.WhenAll(clients.Select((c, i) => EchoRoundTrip(c, bytes, i))).WaitAsync(TimeSpan.FromSeconds(120));
        foreach (var c in clients) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task ListenAddress()
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var server = await loop.On(() => Net.CreateServer());
        var address = await server.ListenAsync(name).WaitAsync(Deadline);
        Expect.Equal(name, address.Address, "ListenAsync's address");
        Expect.That(address.IsPipe, "the address is a pipe");
        Expect.Equal(name, (await loop.On(() => server.Address()))!.Address, "server.address()");
        await server.CloseAsync().WaitAsync(Deadline);
        Expect.Equal(name, (await loop.On(() => server.Address()))?.Address, "server.address() after close (Node keeps the pipe name)");
    }

    public static async Task AddressInUse()
    {
        if (Wine.IgnoresFirstPipeInstance() is { } evidence)
            throw new LimitationException($"Wine {Wine.Version} ignores FILE_FLAG_FIRST_PIPE_INSTANCE ({evidence}), so libuv cannot see " +
                "that the name is taken and a second server listens too (node.exe under Wine does the same). On Windows the " +
                "second CreateNamedPipeW fails with ERROR_ACCESS_DENIED and listen gives EADDRINUSE.");
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var first = await loop.On(() => Net.CreateServer());
        await first.ListenAsync(name).WaitAsync(Deadline);
        var second = await loop.On(() => Net.CreateServer());
        var e = await Fails(() => second.ListenAsync(name), "a second listen on the same name");
        Expect.Equal("EADDRINUSE", e.Code, "code");
        Expect.Equal("listen", e.Syscall, "syscall");
        Expect.Equal(name, e.Address, "address");
        Expect.Equal($"listen EADDRINUSE: address already in use {name}", e.Message, "message");
        await first.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task Missing()
    {
        string name = PipeName();
        var e = await Fails(() => Net.ConnectAsync(name), "connecting to a pipe nobody listens on");
        Expect.Equal("ENOENT", e.Code, "code");
        Expect.Equal("connect", e.Syscall, "syscall");
        Expect.Equal(name, e.Address, "address");
        Expect.Equal($"connect ENOENT {name}", e.Message, "message");
    }

    public static async Task CloseAndListenAgain()
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var server = await EchoServer(loop);
        await server.ListenAsync(name).WaitAsync(Deadline);
        await server.CloseAsync().WaitAsync(Deadline);
        await server.ListenAsync(name).WaitAsync(Deadline);
        await using var c = await Net.ConnectAsync(name).WaitAsync(Deadline);
        await EchoRoundTrip(c, 1000, 1);
        await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task ReadableWritableAll()
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var server = await EchoServer(loop);
        // On Windows a DACL granting Everyone read/write (uv_pipe_chmod); on Unix the socket file's mode, set to exactly
        // 0666 as Node 24 and later set it.
        await server.ListenAsync(new ListenOptions { Path = name, ReadableAll = true, WritableAll = true }).WaitAsync(Deadline);
        if (!OperatingSystem.IsWindows())
            Expect.Equal("666", Convert.ToString((int)File.GetUnixFileMode(name) & 0x1FF, 8), "mode bits (rw for all)");
        await using var c = await Net.ConnectAsync(name).WaitAsync(Deadline);
        await EchoRoundTrip(c, 1000, 2);
        await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task MaxConnectionsDrop()
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var dropped = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await EchoServer(loop);
        await loop.On(() =>
        {
            server.MaxConnections = 1;
            server.On<object?[]>("drop", a => dropped.TrySetResult(a.Length));
        });
        await server.ListenAsync(name).WaitAsync(Deadline);
        await using var kept = await Net.ConnectAsync(name).WaitAsync(Deadline);
        await EchoRoundTrip(kept, 100, 3);
        await using var extra = await Net.ConnectAsync(name).WaitAsync(Deadline);
        Expect.Equal(0, await dropped.Task.WaitAsync(Deadline), "'drop' arguments for a pipe (Node passes none)");
        Expect.Equal(0, await extra.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline), "the dropped client reads the end");
        await EchoRoundTrip(kept, 100, 4); // the kept one is untouched
        await kept.DisposeAsync();
        await extra.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    public static async Task PendingInstances()
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var server = await EchoServer(loop);
        // libuv's default keeps 4 instances waiting on Windows; a burst of 32 clients needs more (or retries).
        await server.ListenAsync(new ListenOptions { Path = name, PendingInstances = 32 }).WaitAsync(Deadline);
        var clients = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Net.ConnectAsync(name))).WaitAsync(Deadline);
        Expect.Equal(32, await CountOnceAccepted(loop, server, 32), "connections accepted from the burst");
        foreach (var c in clients) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    /// <summary>The server's connection count once it reaches <paramref name="expected"/>, or when the deadline passes. A
    /// client's connect completes when the kernel queues it, and the loop may run a posted callback before it accepts
    /// what is queued (both wake it in one turn): CI once counted 2 of 32 after one turn.</summary>
    private static async Task<int> CountOnceAccepted(EventLoop loop, Server server, int expected)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var count = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            await loop.On(() => server.GetConnections((_, n) => count.SetResult(n)));
            int n = await count.Task.WaitAsync(Deadline);
            if (n >= expected || DateTime.UtcNow > until) return n;
            await Task.Delay(5);
        }
    }

    public static Task UnrefRef() => Task.Run(() =>
    {
        // Node style: an unref'd listening server lets the loop end; ref'd again, it keeps the loop until closed.
        string name = PipeName();
        var ran = new List<string>();
        EventLoop.Run(() =>
        {
            var s = Net.CreateServer();
            s.Listen(name, () => ran.Add("listening"));
            s.Unref();
        });
        Expect.Equal("listening", string.Join(",", ran), "an unref'd server let the loop end after 'listening'");
        ran.Clear();
        EventLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            var s = Net.CreateServer();
            s.Listen(name);
            s.Unref();
            s.Ref();
            loop.SetTimeout(() => { ran.Add("still running"); s.Close(); }, 50).Unref();
        });
        Expect.Equal("still running", string.Join(",", ran), "a server ref'd again kept the loop alive");
    });

    public static async Task HalfClose(bool clientFirst)
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var serverSaw = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { AllowHalfOpen = true }, s =>
        {
            string got = "";
            s.On<Exception>("error", _ => { }); // on Windows the late reply meets a closed pipe (EPIPE)
            s.SetEncoding("utf8");
            s.On<string>("data", d => got += d);
            if (clientFirst) s.On("end", () => { s.End($"late reply to {got}"); serverSaw.TrySetResult(got); });
            else { s.End("server done"); s.On("end", () => serverSaw.TrySetResult(got)); }
        }));
        await server.ListenAsync(name).WaitAsync(Deadline);
        await using var c = await Net.ConnectAsync(new ConnectOptions { Path = name, AllowHalfOpen = true }).WaitAsync(Deadline);
        if (OperatingSystem.IsWindows())
        {
            // Windows pipes cannot half-close: libuv ends the reading side of a pipe whose writing side shut down once
            // 50 ms pass with nothing to read, and closes it (node.exe does the same: scenario win-pipe-half-open).
            if (clientFirst)
            {
                await c.WriteAsync(Encoding.UTF8.GetBytes("question"));
                await c.EndAsync().WaitAsync(Deadline);
                Expect.Equal("question", await serverSaw.Task.WaitAsync(Deadline), "the server read the client's data before its end");
                Expect.Equal("", await ReadAll(c), "the client's pipe ended without the late reply (no half-close on Windows)");
            }
            else
            {
                Expect.Equal("server done", await ReadAll(c), "the client read the server's data and its end");
                var e = await Fails(() => c.WriteAsync(Encoding.UTF8.GetBytes("reply after your end")), "writing to a pipe the server closed");
                Expect.Equal("EPIPE", e.Code, "a write after the Windows pipe closed");
            }
        }
        else if (clientFirst)
        {
            await c.WriteAsync(Encoding.UTF8.GetBytes("question"));
            await c.EndAsync().WaitAsync(Deadline);
            Expect.Equal("question", await serverSaw.Task.WaitAsync(Deadline), "the server read the client's data before its end");
            Expect.Equal("late reply to question", await ReadAll(c), "the client read after ending its side");
        }
        else
        {
            Expect.Equal("server done", await ReadAll(c), "the client read the server's data and its end");
            await c.WriteAsync(Encoding.UTF8.GetBytes("reply after your end"));
            await c.EndAsync().WaitAsync(Deadline);
            Expect.Equal("reply after your end", await serverSaw.Task.WaitAsync(Deadline), "the server read after ending its side");
        }
        await server.CloseAsync().WaitAsync(Deadline);
    }

    private static async Task<string> ReadAll(Socket c)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        int n;
        while ((n = await c.ReadAsync(buffer).AsTask().WaitAsync(Deadline)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        return text.ToString();
    }

    public static async Task PeerPid()
    {
        await using var loop = EventLoop.StartHosted();
        string name = PipeName();
        var accepted = new TaskCompletionSource<PeerCredentials?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => Net.CreateServer(s => { s.On<Exception>("error", _ => { }); accepted.TrySetResult(s.PeerCredentials); }));
        await server.ListenAsync(name).WaitAsync(Deadline);
        await using var c = await loop.On(() => new Socket());
        await c.ConnectAsync(name).WaitAsync(Deadline);
        var mine = await loop.On(() => c.PeerCredentials);
        var theirs = await accepted.Task.WaitAsync(Deadline);
        Expect.Equal(Environment.ProcessId, theirs?.Pid, "the server end's peer pid (the client: this process)");
        Expect.Equal(Environment.ProcessId, mine?.Pid, "the client end's peer pid (the server: this process)");
        if (OperatingSystem.IsWindows()) Expect.That(theirs!.Uid == null && theirs.Gid == null, "no uid/gid on Windows");
        await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }
}
