using System.Buffers;
using System.Buffers.Binary;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// The wire of an IPC socket (a pipe opened with ipc = 1): framed messages, each optionally carrying a handle sent
/// with uv_write2. A frame is 'N', its kind (0 message, 1 server, 2 socket) and a 32-bit little-endian length, then the
/// message. Handles arrive ahead of (or with) the bytes of their frame; they are accepted onto this loop as they come
/// and matched to frames in order. Loop thread only.
/// </summary>
internal sealed unsafe class IpcChannel(IIpcPeer socket, UvPipe pipe, EventLoop loop) : IUvRequestOwner
{
    private const byte Magic = (byte)'N';
    private const int HeaderSize = 6;
    private const int MaxMessage = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[256];
    private int _length;
    private readonly Queue<UvStream> _handles = new(); // received, not yet matched to their frame

    private sealed class Send(byte[] frame, UvStream? handle, Action<Exception?> done)
    {
        public readonly byte[] Frame = frame;
        public readonly UvStream? Handle = handle;
        public readonly Action<Exception?> Done = done;
    }

    private readonly Queue<Send> _sends = new();
    private bool _sending;

    /// <summary>Sends <paramref name="message"/> and, when given, <paramref name="handle"/> with it; frames go out in order.</summary>
    public void Enqueue(byte kind, ReadOnlySpan<byte> message, UvStream? handle, Action<Exception?> done)
    {
        if (message.Length > MaxMessage) throw NodeErrors.OutOfRange("message.length", $"<= {MaxMessage}", (double)message.Length);
        var frame = new byte[HeaderSize + message.Length];
        frame[0] = Magic;
        frame[1] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(2), message.Length);
        message.CopyTo(frame.AsSpan(HeaderSize));
        _sends.Enqueue(new Send(frame, handle, done));
        if (!_sending) SendNext();
    }

    private void SendNext()
    {
        while (_sends.TryPeek(out var send))
        {
            if (pipe.IsClosing) { Fail(UvErrors.EBADF); return; }
            var req = loop.Uv.Requests.Rent(UvReqType.Write, this, send);
            req.Pin = send.Frame.AsMemory().Pin();
            var buf = new UvBuf((byte*)req.Pin.Pointer, (nuint)send.Frame.Length);
            int rc = send.Handle is { } h ? pipe.Write2(req, &buf, 1, h) : pipe.WriteQueued(req, &buf, 1);
            if (rc == 0) { _sending = true; return; }
            loop.Uv.Requests.Abandon(req);
            _sends.Dequeue();
            send.Done(NodeNetException.FromUv(rc, "write"));
        }
    }

    /// <summary>The frames not yet handed to libuv fail; one in flight is libuv's, and ends in <see cref="IUvRequestOwner.OnRequestDone"/>.</summary>
    private void Fail(int error)
    {
        var inFlight = _sending && _sends.TryDequeue(out var first) ? first : null;
        while (_sends.TryDequeue(out var send)) send.Done(NodeNetException.FromUv(error, "write"));
        if (inFlight != null) _sends.Enqueue(inFlight);
    }

    void IUvRequestOwner.OnRequestDone(UvRequest req, int status)
    {
        var send = _sends.Dequeue();
        _sending = false;
        send.Done(status == 0 ? null : NodeNetException.FromUv(status, "write"));
        SendNext();
    }

    /// <summary>Bytes read from the IPC pipe: take the handles that came with them, then every whole frame. Descriptors
    /// arrive with the first bytes of the frame that carries them (the kernel ends a read at a message that carries
    /// descriptors), so once the whole frames are parsed only a frame still incomplete may own one; any other is
    /// unannounced, and is closed at once: a peer cannot make this channel hold descriptors.</summary>
    public void Received(byte* data, int n)
    {
        while (pipe.PendingCount > 0)
        {
            // Whatever libuv calls it, the descriptor is taken out of libuv's queue here; what it really is, is checked
            // against its frame (anything but a stream socket would abort the process once libuv polls it).
            UvStream h = pipe.PendingType == UvHandleType.Tcp ? new UvTcp(loop.Uv) : new UvPipe(loop.Uv);
            if (pipe.Accept(h) == 0) _handles.Enqueue(h);
            else h.Close();
        }
        if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
        new ReadOnlySpan<byte>(data, n).CopyTo(_buffer.AsSpan(_length));
        _length += n;
        int at = 0;
        while (_length - at >= HeaderSize)
        {
            if (_buffer[at] != Magic || _buffer[at + 1] > 2)
            {
                socket.Fail(new NodeNetException("ERR_IPC_CHANNEL_CLOSED", "The IPC peer sent something that is not a NodeNet frame"));
                return;
            }
            int size = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(at + 2));
            if (size is < 0 or > MaxMessage) { socket.Fail(new NodeNetException("ERR_IPC_CHANNEL_CLOSED", "An IPC frame is too large")); return; }
            if (_length - at < HeaderSize + size) break;
            byte kind = _buffer[at + 1];
            byte[] message = _buffer.AsSpan(at + HeaderSize, size).ToArray();
            at += HeaderSize + size;
            ReceivedHandle? handle = null;
            if (kind != 0)
            {
                if (!_handles.TryDequeue(out var h)) { socket.Fail(new NodeNetException("ERR_IPC_CHANNEL_CLOSED", "An IPC frame's handle did not arrive")); return; }
                var announced = kind == 1 ? HandleKind.Server : HandleKind.Socket;
                if (!IsAnnounced(h, announced))
                {
                    h.Close();
                    NodeNetMetrics.IpcHandlesDiscarded.Add(1, NodeNetMetrics.ReasonInvalid);
                    socket.Fail(new NodeNetException("ERR_INVALID_HANDLE_TYPE",
                        $"The IPC peer sent a descriptor that is not the {(announced == HandleKind.Server ? "listening" : "connected")} stream socket its frame announced", "TypeError"));
                    return;
                }
                handle = new ReceivedHandle(loop, h, announced, message);
            }
            socket.Deliver(message, handle);
            if (socket.Destroyed) return;
        }
        Array.Copy(_buffer, at, _buffer, 0, _length - at);
        _length -= at;
        // A frame still incomplete may own the one descriptor that came with its first bytes (unless its header says it
        // announces none); every other descriptor belongs to no frame.
        bool partialMayOwnOne = _length > 0 && (_length < 2 || _buffer[1] != 0);
        int unannounced = _handles.Count - (partialMayOwnOne ? 1 : 0);
        for (int i = 0; i < unannounced; i++) _handles.Dequeue().Close();
        if (unannounced > 0) NodeNetMetrics.IpcHandlesDiscarded.Add(unannounced, NodeNetMetrics.ReasonUnannounced);
    }

    /// <summary>A stream socket, listening for a server and connected for a socket, of the family libuv took it for.
    /// Windows needs no check: its handles arrive as socket protocol records that libuv turns into sockets itself.</summary>
    private static bool IsAnnounced(UvStream h, HandleKind kind) =>
        OperatingSystem.IsWindows() || UnixSocket.IsStreamSocket((int)h.FileNo(), unixDomain: h is UvPipe, listening: kind == HandleKind.Server);

    /// <summary>Loop thread: the socket is gone; handles not yet matched to a frame close.</summary>
    public void Closed()
    {
        while (_handles.TryDequeue(out var h)) h.Close();
        Fail(UvErrors.EBADF);
    }
}
