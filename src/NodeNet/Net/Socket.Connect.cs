using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// socket.connect after lib/net.js: IP literals connect on the next tick, host names go through
// uv_getaddrinfo ('lookup' per address), several addresses are tried in turn with a per-attempt
// timeout (autoSelectFamily), and every attempt is announced with 'connectionAttempt'.
public sealed partial class Socket
{
    private sealed class ConnectAttempt
    {
        public required string Address;
        public required int Port;
        public required int Family; // 4, 6, or 0 for a pipe
        public string? LocalAddress;
        public int? LocalPort;
        public required int Generation;
        public MultiConnect? Multi;
        public int AttemptIndex;
        public UvPipe? Pipe; // the handle a pipe connect is in flight on
    }

    private sealed class MultiConnect
    {
        public required List<UvGetAddrInfo.Result> Addresses;
        public required int Port;
        public required int TimeoutMs;
        public int? LocalPort;
        public int Current;
        public readonly List<NodeNetException> Errors = [];
        public UvTimer? Timer;
    }

    private int _connectGeneration;

    /// <summary>Addresses tried by autoSelectFamily, as "ip:port". Any thread: as the loop last set it.</summary>
    public IReadOnlyList<string>? AutoSelectFamilyAttemptedAddresses
    {
        get => Volatile.Read(ref _attemptedAddresses);
        private set => _attemptedAddresses = value;
    }
    private IReadOnlyList<string>? _attemptedAddresses; // replaced, never changed in place: any thread may be reading it

    /// <summary>socket.connect(port[, host][, connectListener]).</summary>
    public Socket Connect(int port, string? host = null, Action? connectListener = null) =>
        Connect(new ConnectOptions { Port = port, Host = host }, connectListener);

    /// <summary>socket.connect(port, connectListener).</summary>
    public Socket Connect(int port, Action connectListener) => Connect(new ConnectOptions { Port = port }, connectListener);

    /// <summary>socket.connect(path or port string[, connectListener]): as in Node, a string that is a non-negative number is
    /// a port on localhost ("33515"); anything else is a Unix socket path or Windows pipe name.</summary>
    public Socket Connect(string pathOrPort, Action? connectListener = null)
    {
        if (pathOrPort is null) throw NodeErrors.InvalidArgType("options.path", "of type string", null);
        if (JsNumber.IsPipeName(pathOrPort)) return Connect(new ConnectOptions { Path = pathOrPort }, connectListener);
        return Connect(new ConnectOptions { Port = JsNumber.ParsePort(pathOrPort, "Port") }, connectListener);
    }

    /// <summary>socket.connect(options[, connectListener]). Returns this; 'connect' or 'error' follows on a later tick.</summary>
    public Socket Connect(ConnectOptions options, Action? connectListener = null)
    {
        NodeErrors.ThrowIfNull(options);
        _loop.Uv.VerifyThread();
        if (options.Port == null && options.Path == null) throw NodeErrors.MissingArgs("options", "port", "path");
        if (options.Path == null) ValidateTcpConnect(options);
        if (_boundSource && options.Path == null && (options.LocalAddress != null || options.LocalPort != null))
            throw NodeErrors.InvalidArgValue("options", options, "localAddress and localPort cannot be used with an adopted bound socket");
        if ((options.Ipc || _wantsIpc) && options.Path == null) throw NodeErrors.InvalidArgValue("options.ipc", true, "can only be used with a path");
        // As Node, connecting again while connecting or connected is not refused here: it runs on the same handle, and
        // libuv answers (EALREADY while a connect is pending; on a connected handle, libuv 1.44 says EISCONN).
        if (_destroyed) Undestroy();
        bool reuse = _handle != null;
        if (reuse && (_handle is UvPipe) != (options.Path != null))
        {
            _loop.NextTick(() => Destroy(NodeNetException.FromUv(UvErrors.EINVAL, "connect"))); // a TCP handle to a path, or the reverse
            return this;
        }
        _handle ??= options.Path != null ? new UvPipe(_loop.Uv, ipc: _wantsIpc || options.Ipc) : new UvTcp(_loop.Uv);
        if (!reuse) AttachHandle(_handle);
        _noDelay |= options.NoDelay;
        if (options.KeepAlive) { _keepAlive = true; _keepAliveSettings = KeepAliveSettings.FromOption(options.KeepAliveInitialDelay); }
        if (connectListener != null) Once("connect", connectListener);
        Touch();
        // A connect while one is pending joins its generation: both run, as in Node, and libuv refuses the second with
        // EALREADY. A new generation starts only when nothing is pending, so a destroyed attempt's callbacks stay stale.
        int generation = _connecting ? _connectGeneration : ++_connectGeneration;
        _connecting = true;

        if (options.Path != null)
        {
            string path = options.Path;
            _pipePath = path;
            _pipePathIsLocal = false;
            StartConnect(new ConnectAttempt { Address = path, Port = 0, Family = 0, Generation = generation });
            return this;
        }

        string host = string.IsNullOrEmpty(options.Host) ? "localhost" : options.Host;
        int port = options.Port!.Value;
        int literal = Net.IsIP(host);
        if (literal != 0 && _boundSource)
        {
            // An adopted BoundSocket connects in this tick, so its local address is known when Connect returns (Node 26.6).
            StartConnect(new ConnectAttempt { Address = host, Port = port, Family = literal, Generation = generation });
            return this;
        }
        if (_boundSource) options = options with { AutoSelectFamily = false }; // its address family is fixed
        if (literal != 0)
        {
            _loop.NextTick(() =>
            {
                if (_connecting && generation == _connectGeneration)
                    StartConnect(new ConnectAttempt { Address = host, Port = port, Family = literal, LocalAddress = options.LocalAddress, LocalPort = options.LocalPort, Generation = generation });
            });
            return this;
        }
        Lookup(host, port, options, generation);
        return this;
    }

    private static void ValidateTcpConnect(ConnectOptions options)
    {
        if (options.Host != null) NodeErrors.RejectNul(options.Host, "options.host");
        if (options.LocalAddress != null && Net.IsIP(options.LocalAddress) == 0) throw NodeErrors.InvalidIpAddress(options.LocalAddress);
        if (options.Port is { } port && (port < 0 || port > 65535)) throw NodeErrors.SocketBadPort("Port", port);
        if (options.LocalPort is { } lp && (lp < 0 || lp > 65535)) throw NodeErrors.SocketBadPort("options.localPort", lp);
        if (options.Family is not (0 or 4 or 6)) throw NodeErrors.InvalidArgValue("options.family", options.Family);
        if (options.AutoSelectFamilyAttemptTimeout is { } t) Net.ValidateAttemptTimeout(t, "options.autoSelectFamilyAttemptTimeout");
        // dns.lookup checks its hints when it is used: for a host name with no custom resolver.
        if (options.Lookup == null && Net.IsIP(options.Host ?? "localhost") == 0) DnsHints.Validate(options.Hints);
    }

    /// <summary>A destroyed socket may connect again (Node's _undestroy): fresh state, counters reset. As in Node the
    /// flowing state survives, so a socket that was reading reads again after connecting.</summary>
    private void Undestroy()
    {
        _destroyed = false;
        _closed = false;
        ResetCloseState();
        _handle = null;
        _peername = null;
        _sockname = null;
        _readable.Reset();
        _reading = _readOnConnect = _eof = false;
        _writable.Reset();
        _errored = null;
        _errorEmitted = false;
        _bytesRead = 0;
        // autoSelectFamilyAttemptedAddresses is kept: Node 20 replaces it only when a new multi-address connect runs.
        Reconnected();
    }

    /// <summary>A socket destroyed and connected again: whatever reads it in pull mode starts afresh (DotNet/Socket.Async.cs).</summary>
    partial void Reconnected();

    private void Lookup(string host, int port, ConnectOptions options, int generation)
    {
        bool multi = options.Family is not (4 or 6) && options.LocalAddress == null && (options.AutoSelectFamily ?? Net.GetDefaultAutoSelectFamily());
        // As Node: with no family and no hints, ask only for the families the machine has (not on Windows).
        int hints = options.Hints;
        if (!OperatingSystem.IsWindows() && options.Family is not (4 or 6) && hints == 0) hints = DnsHints.AddrConfig;
        if (options.Lookup is { } lookup)
        {
            // A custom resolver may answer at once, later, from another thread, or (wrongly) twice: only its first
            // answer counts, and always on the loop thread.
            int answered = 0;
            lookup(host, new LookupOptions(options.Family, hints, multi), (err, addresses) =>
            {
                if (Interlocked.Exchange(ref answered, 1) != 0) return;
                if (_loop.IsLoopThread) Resolved(err, addresses);
                else _loop.TryPost(() => Resolved(err, addresses));
            });
            return;
        }
        int rc = UvGetAddrInfo.Start(_loop.Uv, host, options.Family, hints, (status, results) =>
            Resolved(status != 0 ? NodeNetException.Dns(status, host) : null, results.Select(r => new LookupAddress(r.Address, r.Family)).ToList()));
        if (rc != 0)
        {
            var err = NodeNetException.Dns(rc, host);
            _loop.NextTick(() => { EmitEvent("lookup", err, null, null, host); Destroy(err); });
        }

        void Resolved(Exception? err, IReadOnlyList<LookupAddress>? addresses)
        {
            if (!_connecting || generation != _connectGeneration) return;
            if (err == null && (addresses == null || addresses.Count == 0)) err = NodeErrors.InvalidIpAddress("undefined");
            if (err != null)
            {
                EmitEvent("lookup", err, null, null, host);
                _loop.NextTick(() => Destroy(err));
                return;
            }
            var valid = new List<UvGetAddrInfo.Result>();
            foreach (var a in multi ? addresses! : addresses!.Take(1))
            {
                EmitEvent("lookup", null, a.Address, a.Family, host);
                if (!_connecting || generation != _connectGeneration) return;
                if (Net.IsIP(a.Address) != 0 && a.Family is 4 or 6) valid.Add(new UvGetAddrInfo.Result(a.Address, a.Family));
            }
            if (valid.Count == 0)
            {
                // Node fails on the first answer: not an IP, or not a family it knows.
                var first = addresses![0];
                Exception bad = Net.IsIP(first.Address) == 0 ? NodeErrors.InvalidIpAddress(first.Address)
                    : NodeErrors.InvalidAddressFamily(first.Family, options.Host, options.Port);
                _loop.NextTick(() => Destroy(bad));
                return;
            }
            Touch();
            if (!multi)
            {
                StartConnect(new ConnectAttempt { Address = valid[0].Address, Port = port, Family = valid[0].Family, LocalAddress = options.LocalAddress, LocalPort = options.LocalPort, Generation = generation });
                return;
            }
            var ordered = Interleave(valid);
            if (ordered.Count == 1)
            {
                StartConnect(new ConnectAttempt { Address = ordered[0].Address, Port = port, Family = ordered[0].Family, LocalPort = options.LocalPort, Generation = generation });
                return;
            }
            AutoSelectFamilyAttemptedAddresses = Array.Empty<string>();
            var ctx = new MultiConnect { Addresses = ordered, Port = port, TimeoutMs = options.AutoSelectFamilyAttemptTimeout is { } t ? Math.Max(10, t) : Net.GetDefaultAutoSelectFamilyAttemptTimeout(), LocalPort = options.LocalPort };
            ConnectNext(ctx, generation);
        }
    }

    /// <summary>Unique addresses, families alternating, the first family returned going first (RFC 8305 as Node orders it).</summary>
    private static List<UvGetAddrInfo.Result> Interleave(List<UvGetAddrInfo.Result> results)
    {
        var unique = results.DistinctBy(r => r.Address).ToList();
        if (unique.Count == 0) return unique;
        int firstFamily = unique[0].Family;
        var a = unique.Where(r => r.Family == firstFamily).ToList();
        var b = unique.Where(r => r.Family != firstFamily).ToList();
        var ordered = new List<UvGetAddrInfo.Result>();
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i < a.Count) ordered.Add(a[i]);
            if (i < b.Count) ordered.Add(b[i]);
        }
        return ordered;
    }

    private void ConnectNext(MultiConnect ctx, int generation)
    {
        ctx.Timer?.Close();
        ctx.Timer = null;
        if (ctx.Current == ctx.Addresses.Count)
        {
            Exception err = ctx.Errors.Count == 0
                ? new NodeNetException("ERR_SOCKET_CONNECTION_TIMEOUT", "Socket connection timeout")
                : new NodeNetException(ctx.Errors[0].Code, "", "AggregateError") { Errors = ctx.Errors.ToArray() };
            Destroy(err);
            return;
        }
        int index = ctx.Current++;
        if (index > 0)
        {
            // A fresh handle for each further attempt; the old one is closed silently.
            var old = _handle!;
            old.Events = null;
            old.Close();
            AttachHandle(new UvTcp(_loop.Uv));
        }
        var address = ctx.Addresses[index];
        var attempt = new ConnectAttempt { Address = address.Address, Port = ctx.Port, Family = address.Family, LocalPort = ctx.LocalPort, Generation = generation, Multi = ctx, AttemptIndex = index };
        if (index < ctx.Addresses.Count - 1)
        {
            ctx.Timer = new UvTimer(_loop.Uv, () =>
            {
                if (!_connecting || generation != _connectGeneration || ctx.Current != index + 1) return;
                ctx.Errors.Add(NodeNetException.Connect(UvErrors.ETIMEDOUT, "connect", address.Address, ctx.Port));
                EmitEvent("connectionAttemptTimeout", address.Address, ctx.Port, address.Family);
                ConnectNext(ctx, generation);
            });
            ctx.Timer.Start((ulong)ctx.TimeoutMs, 0);
        }
        StartConnect(attempt);
    }

    private unsafe void StartConnect(ConnectAttempt a)
    {
        if (a.Family == 0) { StartPipeConnect(a); return; }
        var tcp = (UvTcp)_handle!;
        int err;
        if (a.LocalAddress != null || a.LocalPort is > 0)
        {
            a.LocalAddress ??= a.Family == 4 ? "0.0.0.0" : "::";
            SockAddrStorage local;
            SockAddr.Parse(a.LocalAddress, a.LocalPort ?? 0, &local);
            err = tcp.Bind(&local, UvTcpFlags.None);
            // Node's checkBindError: libuv keeps a bind's EADDRINUSE until connect (delayed_error), which would then report
            // it as "connect"; asking getsockname gets it now, and a bind that took another port is EADDRINUSE too.
            if (err == 0 && a.LocalPort is > 0)
            {
                SockAddrStorage bound;
                err = tcp.GetSockName(&bound);
                if (err == 0 && SockAddr.Port((byte*)&bound) != a.LocalPort) err = UvErrors.EADDRINUSE;
            }
            if (err != 0) { Destroy(NodeNetException.Connect(err, "bind", a.LocalAddress, a.LocalPort ?? 0)); return; }
        }
        if (_blockList?.Check(a.Address, a.Family == 6 ? "ipv6" : "ipv4") == true)
        {
            // Node's internalConnectMultiple: a blocked address is a failed attempt (never an attempted address), and the
            // next one is tried; when none is left, the AggregateError of them all.
            AttemptFailed(a, new NodeNetException("ERR_IP_BLOCKED", $"IP({a.Address}) is blocked by net.BlockList"));
            return;
        }
        SockAddrStorage remote;
        err = SockAddr.Parse(a.Address, a.Port, &remote);
        EmitEvent("connectionAttempt", a.Address, a.Port, a.Family);
        if (a.Multi != null) AutoSelectFamilyAttemptedAddresses = [.. AutoSelectFamilyAttemptedAddresses!, $"{a.Address}:{a.Port}"]; // after the event, as Node
        if (!_connecting || a.Generation != _connectGeneration) return;
        if (err == 0)
        {
            var req = _loop.Uv.Requests.Rent(UvReqType.Connect, this, a);
            err = tcp.Connect(req, &remote);
            if (err == 0) return;
            _loop.Uv.Requests.Abandon(req);
        }
        var local2 = LocalName();
        AttemptFailed(a, NodeNetException.Connect(err, "connect", a.Address, a.Port, local2?.Address, local2?.Port));
    }

    /// <summary>An address that could not be tried: with several, 'connectionAttemptFailed' and the next one; else the end.</summary>
    private void AttemptFailed(ConnectAttempt a, NodeNetException error)
    {
        if (a.Multi == null) { Destroy(error); return; }
        a.Multi.Errors.Add(error);
        EmitEvent("connectionAttemptFailed", a.Address, a.Port, a.Family, error);
        ConnectNext(a.Multi, a.Generation);
    }

    private void StartPipeConnect(ConnectAttempt a)
    {
        var pipe = (UvPipe)_handle!;
        if (!OperatingSystem.IsWindows() && !UnixSocket.Usable(a.Address))
        {
            // Node 22 and later: libuv refuses a path longer than sun_path, or with a NUL inside, at once (EINVAL), and the socket is destroyed
            // with it there and then ('error' follows on the next tick); Node 20 connected to the truncated name.
            Destroy(NodeNetException.PipeConnectRefusedAtOnce(UvErrors.EINVAL, a.Address));
            return;
        }
        // Other errors are reported on a later tick, as libuv's connect callback would.
        if (UnixSocket.Supported && UnixSocket.IsAbstract(a.Address))
        {
            int err;
            if (pipe.FileNo() is var bound and >= 0) err = UnixSocket.ConnectExisting((int)bound, a.Address); // a BoundSocket's
            else if ((err = UnixSocket.Connect(a.Address, out int fd)) == 0 && (err = pipe.Open(fd)) != 0) Libc.close(fd);
            _loop.NextTick(() => AfterConnect(a, err));
            return;
        }
        a.Pipe = pipe;
        var req = _loop.Uv.Requests.Rent(UvReqType.Connect, this, a);
        int rc = pipe.Connect(req, a.Address); // reports other errors through the callback
        if (rc == 0) return;
        _loop.Uv.Requests.Abandon(req);
        _loop.NextTick(() => AfterConnect(a, rc));
    }

    private void AfterConnect(ConnectAttempt a, int status)
    {
        if (_destroyed || a.Generation != _connectGeneration || !_connecting) return;
        if (a.Multi != null && a.Multi.Current != a.AttemptIndex + 1) return; // an attempt already abandoned
        if (status != 0)
        {
            bool local = a.LocalAddress != null && a.LocalPort is > 0;
            var ex = NodeNetException.Connect(status, "connect", a.Address, a.Port, local ? a.LocalAddress : null, local ? a.LocalPort : null);
            if (a.Family != 0) EmitEvent("connectionAttemptFailed", a.Address, a.Port, a.Family, ex);
            if (a.Multi != null && _connecting)
            {
                a.Multi.Errors.Add(ex);
                ConnectNext(a.Multi, a.Generation);
                return;
            }
            Destroy(ex);
            return;
        }
        a.Multi?.Timer?.Close();
        _connecting = false;
        _sockname = null;
        Touch();
        if (_handle is UvTcp tcp)
        {
            if (_noDelay) tcp.NoDelay(true);
            if (_keepAlive) _keepAliveSettings.Apply(tcp, true);
            ApplyTypeOfService(throwOnError: false);
            if (_destroyed) return;
        }
        if (_pendingRef is { } r) { if (r) _handle!.Ref(); else _handle!.Unref(); }
        if (NodeNetMetrics.ConnectionsObserved)
        {
            var peer = _isPipe ? null : ReadPeerName();
            CountActive(NodeNetMetrics.ClientTags(_isPipe, _isPipe ? _pipePath : peer?.Address, peer?.Port));
        }
        else CountActive(NodeNetMetrics.ClientTags(_isPipe, null, null));
        EmitEvent("connect"); // a write made while connecting goes out from its own 'connect' listener
        EmitEvent("ready");
        if (_destroyed) return;
        // Node's afterConnect: read(0) unless paused, and the _read that waited for the connection.
        if (_readOnConnect) { _readOnConnect = false; StartReading(); }
        if (!_readable.IsPaused) _readable.Read(0);
        _writable.MaybeFinish();
    }
}
