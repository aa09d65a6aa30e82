using System.Runtime.InteropServices;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet.MultiLoop;

/// <summary>
/// An IPC pipe from the accepting loop to one target loop. The accepting loop passes each connection it accepted with
/// uv_write2 (one byte of data carries the handle); the target loop takes it with uv_pipe_pending_type and uv_accept,
/// so the connection is the target's from then on. Unix: a socketpair. Windows: a named pipe with a random name,
/// connected once from the target's side (libuv cannot make IPC pipes of Windows socket pairs).
/// </summary>
internal sealed unsafe class LoopLink : IUvStreamEvents, IUvRequestOwner
{
    private static readonly byte* OneByte = (byte*)NativeMemory.AllocZeroed(1); // the data each handle travels with

    public readonly int Index;
    public readonly EventLoop Source, Target;
    private readonly ILoopServer _server;                    // target thread: where an arriving connection goes
    private readonly Action<LoopLink, UvStream, int> _sent;  // source thread: a pass finished (0, or the error)

    private UvPipe? _sender;          // source loop
    private UvPipe? _listener;        // source loop, Windows only, until the target connects
    private UvPipe? _receiver;        // target loop
    private readonly Queue<UvStream> _waiting = new(); // source loop: passes before the pipe is ready (Windows)
    private bool _closed;
    private bool _unref;

    private LoopLink(int index, EventLoop source, EventLoop target, ILoopServer server, Action<LoopLink, UvStream, int> sent)
    {
        Index = index;
        Source = source;
        Target = target;
        _server = server;
        _sent = sent;
    }

    /// <summary>Source loop thread: opens the link; the target's end opens on its own thread.</summary>
    public static LoopLink Open(int index, EventLoop source, EventLoop target,
        ILoopServer server, Action<LoopLink, UvStream, int> sent)
    {
        var link = new LoopLink(index, source, target, server, sent);
        if (OperatingSystem.IsWindows()) link.OpenNamedPipe();
        else link.OpenSocketPair();
        return link;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void OpenSocketPair()
    {
        int* fds = stackalloc int[2];
        int rc = Native.Uv.uv_socketpair(Libc.SockStream, 0, fds, 0, 0);
        if (rc != 0) throw NodeNetException.FromUv(rc, "socketpair");
        int senderFd = fds[0], receiverFd = fds[1];
        _sender = new UvPipe(Source.Uv, ipc: true);
        rc = _sender.Open(senderFd);
        if (rc != 0) { _sender.Close(); Libc.close(senderFd); Libc.close(receiverFd); throw NodeNetException.FromUv(rc, "open"); }
        if (!Target.TryPost(() => OpenReceiver(receiverFd))) Libc.close(receiverFd);
    }

    private void OpenReceiver(int fd)
    {
        _receiver = new UvPipe(Target.Uv, ipc: true);
        int rc = _receiver.Open(fd);
        if (rc != 0) { _receiver.Close(); Libc.close(fd); return; }
        StartReceiving();
    }

    private void OpenNamedPipe()
    {
        string name = $@"\\.\pipe\nodenet-loop-link-{Guid.NewGuid():N}";
        // libuv cannot listen on an IPC pipe on Windows: the listener is plain, the pipe it accepts is IPC.
        _listener = new UvPipe(Source.Uv, ipc: false);
        _listener.SetPendingInstances(1);
        int rc = _listener.Bind(name);
        if (rc == 0) rc = _listener.Listen(1);
        if (rc != 0) { _listener.Close(); throw NodeNetException.FromUv(rc, "listen"); }
        _listener.Events = this;
        Target.TryPost(() =>
        {
            _receiver = new UvPipe(Target.Uv, ipc: true);
            var req = Target.Uv.Requests.Rent(UvReqType.Connect, this);
            if (_receiver.Connect(req, name) != 0) Target.Uv.Requests.Abandon(req); // a new pipe: never in flight already
        });
    }

    private void StartReceiving()
    {
        _receiver!.Events = this;
        _receiver.ReadStart();
        _receiver.Unref(); // the target loop is a hosted loop: its life is not this pipe's to decide
    }

    /// <summary>Source thread: pass <paramref name="client"/> (accepted on the source loop) to the target loop.</summary>
    public void Send(UvStream client)
    {
        if (_closed) { _sent(this, client, UvErrors.ECANCELED); return; }
        if (_sender == null) { _waiting.Enqueue(client); return; }
        var req = Source.Uv.Requests.Rent(UvReqType.Write, this, client);
        var buf = new UvBuf(OneByte, 1);
        int rc = _sender.Write2(req, &buf, 1, client);
        if (rc == 0) return;
        Source.Uv.Requests.Abandon(req);
        _sent(this, client, rc);
    }

    /// <summary>Source thread: keep the source loop alive while the link is open (a listening or draining server).</summary>
    public void SetRef(bool referenced)
    {
        _unref = !referenced;
        if (referenced) _sender?.Ref(); else _sender?.Unref();
    }

    /// <summary>Source thread: the target loop failed. Its counts were settled then, so passes still in flight no longer count.</summary>
    public bool Retired { get; private set; }

    /// <summary>Source thread: the target loop failed; no more passes.</summary>
    public void Retire()
    {
        Retired = true;
        Close();
    }

    /// <summary>Source thread: no more passes; passes in flight finish first, then the target's end sees EOF and closes.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        _listener?.Close();
        while (_waiting.TryDequeue(out var client)) _sent(this, client, UvErrors.ECANCELED);
        if (_sender == null) return;
        var req = Source.Uv.Requests.Rent(UvReqType.Shutdown, this);
        if (_sender.Shutdown(req) != 0) { Source.Uv.Requests.Abandon(req); _sender.Close(); }
    }

    void IUvRequestOwner.OnRequestDone(UvRequest req, int status)
    {
        switch (req.Type)
        {
            case UvReqType.Write: _sent(this, (UvStream)req.State!, status); break;
            case UvReqType.Shutdown: _sender?.Close(); break;
            case UvReqType.Connect: // target thread, Windows: the receiving end is connected
                _receiver?.ConnectDone();
                if (status == 0) StartReceiving();
                else _receiver?.Close();
                break;
        }
    }

    /// <summary>Source thread, Windows: the target's end connected; it is the one pipe this listener accepts.</summary>
    void IUvStreamEvents.OnConnection(int status)
    {
        if (_listener == null || _sender != null) return;
        if (status != 0) return;
        var pipe = new UvPipe(Source.Uv, ipc: true);
        if (_listener.Accept(pipe) != 0) { pipe.Close(); return; }
        _listener.Close();
        _listener = null;
        _sender = pipe;
        if (_unref) _sender.Unref();
        if (_closed) { Close(); return; }
        while (_waiting.TryDequeue(out var client)) Send(client);
    }

    /// <summary>Target thread: each byte read carries a handle; accept them all onto the target loop.</summary>
    void IUvStreamEvents.OnRead(nint nread, byte* data)
    {
        var receiver = _receiver!;
        if (nread < 0) { receiver.Events = null; receiver.Close(); return; }
        while (receiver.PendingCount > 0)
        {
            UvStream client = receiver.PendingType == UvHandleType.Tcp ? new UvTcp(Target.Uv) : new UvPipe(Target.Uv);
            if (receiver.Accept(client) == 0) _server.Adopt(Target, Index, client); // the server's own, on this loop, from now on
            else client.Close();
        }
    }
}
