using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// server.listen after lib/net.js: argument forms normalised to options, port validation, host lookup,
// '::' with a 0.0.0.0 fallback, bind errors reported as 'listen' errors on the next tick.
public sealed partial class Server
{
    private const int DefaultBacklog = 511;

    /// <summary>listen([callback]): a random port on every interface.</summary>
    public Server Listen(Action? callback = null) => ListenCore(new ListenOptions { Port = 0 }, null, callback);
    /// <summary>listen(port[, callback]).</summary>
    public Server Listen(int port, Action? callback = null) => ListenCore(new ListenOptions { Port = port }, null, callback);
    /// <summary>listen(port, host[, callback]).</summary>
    public Server Listen(int port, string host, Action? callback = null) => ListenCore(new ListenOptions { Port = port, Host = host }, null, callback);
    /// <summary>listen(port, host, backlog[, callback]).</summary>
    public Server Listen(int port, string host, int backlog, Action? callback = null) => ListenCore(new ListenOptions { Port = port, Host = host }, backlog, callback);
    /// <summary>listen(port, backlog[, callback]).</summary>
    public Server Listen(int port, int backlog, Action? callback = null) => ListenCore(new ListenOptions { Port = port }, backlog, callback);

    /// <summary>listen(path or port string[, callback]): as in Node, a string that is not a non-negative number is a pipe path.</summary>
    public Server Listen(string pathOrPort, Action? callback = null) => Listen(pathOrPort, null, callback);

    /// <summary>listen(path, backlog[, callback]).</summary>
    public Server Listen(string pathOrPort, int? backlog, Action? callback = null)
    {
        if (pathOrPort is null) throw NodeErrors.InvalidArgType("path", "of type string", null);
        if (JsNumber.IsPipeName(pathOrPort)) return ListenCore(new ListenOptions { Path = pathOrPort }, backlog, callback);
        return ListenCore(new ListenOptions { Port = JsNumber.ParsePort(pathOrPort, "options.port") }, backlog, callback);
    }

    /// <summary>listen(options[, callback]).</summary>
    public Server Listen(ListenOptions options, Action? callback = null)
    {
        NodeErrors.ThrowIfNull(options);
        return ListenCore(options, null, callback);
    }

    /// <summary>listen(handle): accept on the same listening socket as <paramref name="other"/> (its descriptor is duplicated).</summary>
    public Server Listen(Server other, Action? callback = null)
    {
        _loop.Uv.VerifyThread();
        NodeErrors.ThrowIfNull(other);
        if (other._handle == null) throw NodeErrors.InvalidArgValue("handle", "Server", "is not listening");
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Listen(server) shares a descriptor with dup(), which Windows does not have (as in Node, handles are not shared there).");
        int fd = (int)other._handle.FileNo();
        int copy = Libc.Dup(fd);
        if (copy < 0) throw NodeNetException.FromUv(copy, "dup");
        return ListenCore(new ListenOptions { Fd = copy }, null, callback);
    }

    private static void ValidatePipeOptions(ListenOptions o)
    {
        bool isAbstract = UnixSocket.IsAbstract(o.Path!);
        if (isAbstract && (o.ReadableAll || o.WritableAll)) // Node's message, typo included
            throw NodeErrors.InvalidArgValue("options", o, "can not set readableAll or writableAllt to true when path is abstract unix socket");
        if (o.Mode is { } fileMode)
        {
            int mode = (int)fileMode;
            if (mode is < 0 or > 0x1FF) throw NodeErrors.OutOfRange("options.mode", ">= 0 && <= 0o777", (double)mode);
            if (isAbstract) throw NodeErrors.InvalidArgValue("options.mode", mode, "can not be used with an abstract unix socket");
            if (o.ReadableAll || o.WritableAll) throw NodeErrors.InvalidArgValue("options.mode", mode, "can not be combined with readableAll or writableAll");
        }
    }

    private Server ListenCore(ListenOptions o, int? backlogFromArgs, Action? callback)
    {
        _loop.Uv.VerifyThread();
        if (_handle != null) throw NodeErrors.ServerAlreadyListen();
        _listeningId++; // as Node: a listen makes any earlier one still waiting for its host lookup void
        _destroyingAll = false;
        int? fd = o.Fd is >= 0 ? o.Fd : null; // as Node: a negative fd means "no fd"
        if (fd == null)
        {
            if (o.Port is { } p && (p < 0 || p > 65535)) throw NodeErrors.SocketBadPort("options.port", p);
            if (o.Port == null && o.Path == null)
                throw NodeErrors.InvalidArgValue("options", o, "must have the property \"port\" or \"path\"");
            if (o.Port == null && (o.Path!.Length == 0 || !JsNumber.IsPipeName(o.Path))) throw NodeErrors.InvalidArgValue("options", o);
            if (o.Host != null) NodeErrors.RejectNul(o.Host, "hostname"); // Node's listen names it as dns.lookup does
            if (o.Port == null) ValidatePipeOptions(o);
            if (o.PendingInstances is < 1) throw NodeErrors.OutOfRange("options.pendingInstances", ">= 1", (double)o.PendingInstances.Value);
        }
        if (callback != null) Once("listening", callback);
        if (o.Signal.CanBeCanceled)
        {
            // As Node's addAbortSignalOption: already aborted closes on the next tick (after listening); a later
            // abort closes at once when it happens on the loop thread.
            if (o.Signal.IsCancellationRequested) _loop.NextTick(() => Close());
            else
            {
                var registration = o.Signal.Register(() => { if (_loop.IsLoopThread) Close(); else _loop.TryPost(() => Close()); });
                Once("close", () => registration.Dispose());
            }
        }
        int backlog = o.Backlog is > 0 ? o.Backlog.Value : backlogFromArgs ?? 0;
        if (fd != null) { SetupListenHandle(null, 0, 0, backlog, fd, o); return this; }
        if (o.Port != null)
        {
            int port = o.Port.Value;
            if (!string.IsNullOrEmpty(o.Host)) LookupAndListen(o.Host, port, backlog, o);
            else SetupListenHandle(null, port, 4, backlog, null, o);
            return this;
        }
        _pipeName = o.Path;
        SetupListenHandle(o.Path, -1, -1, backlog, null, o);
        return this;
    }

    private void LookupAndListen(string host, int port, int backlog, ListenOptions o)
    {
        int id = _listeningId;
        // dns.lookup answers an IP literal on the next tick without asking the resolver.
        if (Net.IsIP(host) is var family and not 0)
        {
            _loop.NextTick(() => { if (id == _listeningId) SetupListenHandle(host, port, family, backlog, null, o); });
            return;
        }
        int rc = UvGetAddrInfo.Start(_loop.Uv, host, 0, flags: 0, (status, results) =>
        {
            if (id != _listeningId) return;
            if (status != 0) { EmitEvent("error", NodeNetException.Dns(status, host)); return; }
            var chosen = ListenAddress(results);
            SetupListenHandle(chosen.Address, port, chosen.Family, backlog, null, o);
        });
        if (rc != 0) _loop.NextTick(() => { if (id == _listeningId) EmitEvent("error", NodeNetException.Dns(rc, host)); });
    }

    /// <summary>Of the addresses a host name resolved to, the first that is not IPv6 link-local (fe80::/10), else the first:
    /// Node 22.8 and later listen there (a link-local address needs an interface to mean anything).</summary>
    internal static UvGetAddrInfo.Result ListenAddress(IReadOnlyList<UvGetAddrInfo.Result> results)
    {
        foreach (var r in results)
            if (!(r.Family == 6 && System.Net.IPAddress.TryParse(r.Address, out var ip) && ip.IsIPv6LinkLocal)) return r;
        return results[0];
    }

    /// <summary>listen(handle) for a handle received over IPC (<see cref="Socket.SendHandle(Server, ReadOnlyMemory{byte}, Action{Exception?}?)"/>
    /// from another process): accept on that same listening socket. Both processes may accept until one closes.</summary>
    /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_VALUE when the handle is a connection, not a server.</exception>
    public Server Listen(ReceivedHandle handle, Action? callback = null)
    {
        _loop.Uv.VerifyThread();
        NodeErrors.ThrowIfNull(handle);
        if (_handle != null) throw NodeErrors.ServerAlreadyListen();
        if (handle.Loop != _loop) throw NodeErrors.InvalidArgValue("handle", "ReceivedHandle", "belongs to the loop of the IPC socket it arrived on: listen on a server of that loop");
        ListenAdopted(handle.Take(HandleKind.Server), null, 0, callback);
        return this;
    }

    /// <summary>listen(boundSocket[, backlog]) (Node 24.19): listen on the address or path <paramref name="bound"/> holds,
    /// which this server owns from then on (its members throw ERR_SOCKET_HANDLE_ADOPTED).</summary>
    public Server Listen(BoundSocket bound, Action? callback = null) => Listen(bound, 0, callback);

    /// <summary>listen(boundSocket, backlog[, callback]).</summary>
    public Server Listen(BoundSocket bound, int backlog, Action? callback = null)
    {
        _loop.Uv.VerifyThread();
        NodeErrors.ThrowIfNull(bound);
        if (_handle != null) throw NodeErrors.ServerAlreadyListen();
        string? path = bound.PipePath;
        ListenAdopted(bound.Consume(_loop), path, backlog, callback);
        return this;
    }

    /// <summary>Listens on a handle that came already bound (or listening): from IPC, a BoundSocket, or another loop.</summary>
    private void ListenAdopted(UvStream stream, string? pipePath, int backlog, Action? callback)
    {
        if (pipePath != null) _pipeName = pipePath;
        _listeningId++;
        _destroyingAll = false;
        if (callback != null) Once("listening", callback);
        SetupListenHandle(pipePath, 0, 0, backlog, null, new ListenOptions(), adopted: stream);
    }

    private void SetupListenHandle(string? address, int port, int addressType, int backlog, int? fd, ListenOptions o, UvStream? adopted = null)
    {
        UvStream? handle;
        int err;
        if (adopted != null) (handle, err) = (adopted, 0);
        else if (address == null && fd == null)
        {
            (handle, err) = CreateTcpHandle("::", port, o);
            if (handle == null) { address = "0.0.0.0"; (handle, err) = CreateTcpHandle(address, port, o); }
            else address = "::";
        }
        else if (fd != null) (handle, err) = CreateFdHandle(fd.Value);
        else if (addressType == -1) (handle, err) = CreatePipeHandle(address!, o);
        else (handle, err) = CreateTcpHandle(address!, port, o);

        if (handle == null)
        {
            var ex = NodeNetException.Listen(err, "listen", address, port);
            NodeNetLogging.ListenFailed(Log, address ?? "", ex.Code, ex);
            _loop.NextTick(() => EmitEvent("error", ex));
            return;
        }
        err = handle.Listen(backlog > 0 ? backlog : DefaultBacklog);
        if (err != 0)
        {
            var ex = NodeNetException.Listen(err, "listen", address, port);
            NodeNetLogging.ListenFailed(Log, address ?? "", ex.Code, ex);
            handle.Close();
            _loop.NextTick(() => EmitEvent("error", ex));
            return;
        }
        if (_loops != null)
        {
            try
            {
                _loops.Start(handle, reusePort: handle is UvTcp && _loops.WantsReusePort(isTcp: true) && fd == null,
                    o.Ipv6Only ? UvTcpFlags.Ipv6Only : UvTcpFlags.None, backlog > 0 ? backlog : DefaultBacklog);
            }
            catch (NodeNetException ex)
            {
                // The loops could not be reached: the listen fails as a whole, as a listen error does.
                _loops.Stop();
                handle.Close();
                _loop.NextTick(() => EmitEvent("error", ex));
                return;
            }
            if (_unref) _loops.SetRef(false);
        }
        _handle = handle;
        handle.Events = this;
        if (_unref) handle.Unref();
        if (fd != null || adopted != null) NamePipeHandle(handle);
        MetricTags = Address() is { } bound ? NodeNetMetrics.ServerTags(bound.Address, bound.Family, bound.Port) : NodeNetMetrics.Inbound;
        WatchOwnLoop();
        if (Log.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            NodeNetLogging.Listening(Log, Address()?.ToString() ?? "");
            if (_loops != null) NodeNetLogging.ServingOnLoops(Log, Address()?.ToString() ?? "", _loops.Count, _loops.ModeInUse.ToString());
        }
        _loop.NextTick(() => { if (_handle == handle) EmitEvent("listening"); });
    }

    private unsafe (UvStream?, int) CreateTcpHandle(string address, int port, ListenOptions o)
    {
        SockAddrStorage sa;
        int err = SockAddr.Parse(address, port, &sa);
        if (err != 0) return (null, err);
        bool reusePort = o.ReusePort || _loops?.WantsReusePort(isTcp: true) == true;
        var (tcp, bindErr) = UvTcp.Bound(_loop.Uv, &sa, o.Ipv6Only ? UvTcpFlags.Ipv6Only : UvTcpFlags.None, reusePort);
        if (bindErr == 0) return (tcp, 0);
        tcp.Close();
        return (null, bindErr);
    }

    private (UvStream?, int) CreatePipeHandle(string path, ListenOptions o)
    {
        var pipe = new UvPipe(_loop.Uv);
        if (OperatingSystem.IsWindows() && PendingInstances(o) is { } instances) pipe.SetPendingInstances(instances); // before bind, as libuv needs
        if (UnixSocket.Supported && o.ReclaimStale && !UnixSocket.IsAbstract(path) && UnixSocket.Usable(path)) ReclaimIfStale(path);
        int err = pipe.BindPath(path, FileMode(o));
        // Where NodeNet binds (Linux), the mode is on the file from the start; elsewhere it follows the bind. On Windows,
        // readableAll/writableAll set the pipe's access list, as libuv does.
        if (err == 0 && !UnixSocket.Supported)
        {
            if (OperatingSystem.IsWindows() && (o.ReadableAll || o.WritableAll))
                err = pipe.Chmod((o.ReadableAll ? UvPollEvent.Readable : 0) | (o.WritableAll ? UvPollEvent.Writable : 0));
            else if (FileMode(o) is { } mode) err = UnixSocket.Chmod(path, mode);
        }
        if (err == 0) return (pipe, 0);
        pipe.Close();
        return (null, err);
    }

    /// <summary>Windows: ListenOptions.PendingInstances, else Node's NODE_PENDING_PIPE_INSTANCES, else libuv's default (4).</summary>
    private static int? PendingInstances(ListenOptions o) =>
        o.PendingInstances ?? (int.TryParse(Environment.GetEnvironmentVariable("NODE_PENDING_PIPE_INSTANCES"), out int n) ? n : null);

    /// <summary>The socket file's mode: <see cref="ListenOptions.Mode"/>, else exactly what readableAll/writableAll ask for
    /// (0444, 0222 or both, 0666), as Node 24 and later set it through libuv 1.52's fchmod. (Node 22 and earlier added
    /// those bits to the mode the file was created with.)</summary>
    private static int? FileMode(ListenOptions o) =>
        o.Mode is { } mode ? (int)mode
        : o.ReadableAll || o.WritableAll ? (o.ReadableAll ? 0x124 /* 0444 */ : 0) | (o.WritableAll ? 0x92 /* 0222 */ : 0)
        : null;

    /// <summary>Removes <paramref name="path"/> only if it is a socket that refuses connections (its server is gone).</summary>
    private static void ReclaimIfStale(string path)
    {
        if (UnixSocket.Stat(path) is not { } before || !UnixSocket.IsSocket(before.mode)) return;
        int err = UnixSocket.Connect(path, out int fd);
        if (err == 0) { Libc.close(fd); return; } // alive: bind will report EADDRINUSE
        if (err != UvErrors.ECONNREFUSED) return;
        if (UnixSocket.Stat(path) is { } now && (now.dev, now.ino) == (before.dev, before.ino)) UnixSocket.Unlink(path);
    }

    // A pipe handed over (an fd, or a received handle) says its own name; a TCP one is read by Address() itself.
    private void NamePipeHandle(UvStream handle)
    {
        if (handle is UvPipe pipe && _pipeName == null) _pipeName = pipe.GetSockName() is { Length: > 0 } name ? name : null;
    }

    private (UvStream?, int) CreateFdHandle(int fd)
    {
        var type = Native.Uv.uv_guess_handle(fd);
        UvStream stream;
        int err;
        switch (type)
        {
            case UvHandleType.Tcp: { var t = new UvTcp(_loop.Uv); err = t.Open(fd); stream = t; break; }
            case UvHandleType.NamedPipe: { var p = new UvPipe(_loop.Uv); err = p.Open(fd); stream = p; break; }
            default: return (null, UvErrors.EINVAL);
        }
        if (err == 0) return (stream, 0);
        stream.Close();
        return (null, err);
    }
}
