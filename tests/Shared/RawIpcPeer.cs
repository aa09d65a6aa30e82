using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Testing;

/// <summary>
/// An IPC peer that is not NodeNet: a plain Unix socket that writes whatever frames and descriptors a test (or an
/// attacker) chooses, with sendmsg and SCM_RIGHTS. Linux x64/arm64 only (the msghdr layout below is LP64 glibc's).
/// Shared by the tests and the soak's attack phase.
/// </summary>
internal sealed unsafe class RawIpcPeer : IDisposable
{
    private readonly NetSocket _socket;

    private RawIpcPeer(NetSocket socket) => _socket = socket;

    public static RawIpcPeer Connect(string path)
    {
        var s = new NetSocket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(path));
        return new RawIpcPeer(s);
    }

    public NetSocket Socket => _socket;

    /// <summary>A NodeNet frame: 'N', its kind (0 message, 1 server, 2 socket), a little-endian length, the message.</summary>
    public static byte[] Frame(byte kind, ReadOnlySpan<byte> message, int? lengthClaimed = null)
    {
        var frame = new byte[6 + message.Length];
        frame[0] = (byte)'N';
        frame[1] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(2), lengthClaimed ?? message.Length);
        message.CopyTo(frame.AsSpan(6));
        return frame;
    }

    /// <summary>Writes <paramref name="bytes"/> whole, the descriptors attached to the first sendmsg.</summary>
    public void Send(ReadOnlySpan<byte> bytes, params int[] descriptors)
    {
        int sent = 0;
        while (sent < bytes.Length)
        {
            int n = SendOnce(bytes[sent..], sent == 0 ? descriptors : []);
            if (n < 0) throw new SocketException(Marshal.GetLastPInvokeError());
            sent += n;
        }
    }

    private int SendOnce(ReadOnlySpan<byte> bytes, int[] descriptors)
    {
        const int CmsgHeader = 16; // cmsg_len (size_t), cmsg_level, cmsg_type
        int dataLength = descriptors.Length * sizeof(int);
        int space = descriptors.Length == 0 ? 0 : CmsgHeader + ((dataLength + 7) & ~7);
        byte* control = stackalloc byte[Math.Max(space, 8)];
        new Span<byte>(control, Math.Max(space, 8)).Clear();
        if (descriptors.Length > 0)
        {
            *(ulong*)control = (ulong)(CmsgHeader + dataLength);
            *(int*)(control + 8) = 1;  // SOL_SOCKET
            *(int*)(control + 12) = 1; // SCM_RIGHTS
            for (int i = 0; i < descriptors.Length; i++) ((int*)(control + CmsgHeader))[i] = descriptors[i];
        }
        fixed (byte* data = bytes)
        {
            var iov = new IoVec { Base = data, Length = (nuint)bytes.Length };
            var msg = new MsgHdr { Iov = &iov, IovLength = 1, Control = descriptors.Length > 0 ? control : null, ControlLength = (nuint)space };
            return (int)sendmsg((int)_socket.Handle, &msg, 0x4000 /* MSG_NOSIGNAL */);
        }
    }

    public void Dispose() => _socket.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint sendmsg(int fd, MsgHdr* msg, int flags);

    /// <summary>Descriptors this process has open now.</summary>
    public static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
}
