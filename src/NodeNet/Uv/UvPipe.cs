using System.Text;
using NodeNet.Native;

namespace NodeNet.Uv;

internal sealed unsafe class UvPipe : UvStream
{
    public UvPipe(UvLoop loop) : base(loop, UvHandleType.NamedPipe) =>
        CompleteInit(Native.Uv.uv_pipe_init(loop.Ptr, Ptr, 0), "uv_pipe_init");

    public int Open(int fd) => Native.Uv.uv_pipe_open(Ptr, fd);

    public int Bind(string name)
    {
        byte[] z = Utf8Z(name);
        fixed (byte* p = z) return Native.Uv.uv_pipe_bind(Ptr, p);
    }

    public void Connect(UvRequest req, string name)
    {
        byte[] z = Utf8Z(name);
        fixed (byte* p = z) Native.Uv.uv_pipe_connect(req.Ptr, Ptr, p, &UvRequest.OnDoneNative);
    }

    public int Chmod(UvPollEvent flags) => Native.Uv.uv_pipe_chmod(Ptr, (int)flags);

    public string? GetSockName()
    {
        if (IsClosing) return null;
        byte* buf = stackalloc byte[NameMax];
        nuint size = NameMax;
        return Native.Uv.uv_pipe_getsockname(Ptr, buf, &size) == 0 ? Encoding.UTF8.GetString(buf, (int)size) : null;
    }

    public string? GetPeerName()
    {
        if (IsClosing) return null;
        byte* buf = stackalloc byte[NameMax];
        nuint size = NameMax;
        return Native.Uv.uv_pipe_getpeername(Ptr, buf, &size) == 0 ? Encoding.UTF8.GetString(buf, (int)size) : null;
    }

    private const int NameMax = 512;

    internal static byte[] Utf8Z(string s)
    {
        byte[] z = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, z);
        return z;
    }
}
