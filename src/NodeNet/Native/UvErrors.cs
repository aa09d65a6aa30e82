using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>
/// libuv error codes by name. The numbers differ by platform (UV_EAGAIN is -11 on Linux and
/// -4088 on Windows), so they are read from the loaded libuv by asking uv_err_name_r for each
/// candidate code once, never written into this source.
/// </summary>
internal static unsafe class UvErrors
{
    /// <summary>Every code libuv names, keyed by name ("EOF", "EADDRINUSE", ...).</summary>
    public static readonly FrozenDictionary<string, int> ByName;

    public static readonly int EOF, EAGAIN, ECANCELED, ENOBUFS, EINVAL, EBADF, ENOTCONN, EPIPE,
        ECONNRESET, ENOTSUP, EEXIST, ENOENT, EADDRINUSE, ECONNREFUSED, EACCES, ENOTSOCK, EALREADY,
        ENAMETOOLONG, ETIMEDOUT, EAI_NONAME, EPERM, EISCONN;

    // libuv's codes are negative errno values on Unix and sit between -3000 and -4100 on every
    // platform for its own (UV_EOF, UV_EAI_*, Windows mappings).
    private const int ScanLimit = 4200;

    static UvErrors()
    {
        var map = new Dictionary<string, int>();
        byte* buf = stackalloc byte[80];
        for (int i = 1; i <= ScanLimit; i++)
        {
            string name = Marshal.PtrToStringUTF8((nint)Uv.uv_err_name_r(-i, buf, 80))!;
            if (!name.StartsWith("Unknown", StringComparison.Ordinal)) map.TryAdd(name, -i);
        }
        ByName = map.ToFrozenDictionary();
        EOF = Get("EOF"); EAGAIN = Get("EAGAIN"); ECANCELED = Get("ECANCELED"); ENOBUFS = Get("ENOBUFS");
        EINVAL = Get("EINVAL"); EBADF = Get("EBADF"); ENOTCONN = Get("ENOTCONN"); EPIPE = Get("EPIPE");
        ECONNRESET = Get("ECONNRESET"); ENOTSUP = Get("ENOTSUP"); EEXIST = Get("EEXIST"); ENOENT = Get("ENOENT");
        EADDRINUSE = Get("EADDRINUSE"); ECONNREFUSED = Get("ECONNREFUSED"); EACCES = Get("EACCES");
        ENOTSOCK = Get("ENOTSOCK"); EALREADY = Get("EALREADY"); ENAMETOOLONG = Get("ENAMETOOLONG");
        ETIMEDOUT = Get("ETIMEDOUT"); EAI_NONAME = Get("EAI_NONAME"); EPERM = Get("EPERM"); EISCONN = Get("EISCONN");
    }

    private static int Get(string name) =>
        ByName.TryGetValue(name, out int v) ? v : throw new InvalidOperationException($"libuv does not define UV_{name}");

    public static string Name(int err)
    {
        byte* buf = stackalloc byte[80];
        return Marshal.PtrToStringUTF8((nint)Uv.uv_err_name_r(err, buf, 80))!;
    }

    public static string Message(int err)
    {
        byte* buf = stackalloc byte[256];
        return Marshal.PtrToStringUTF8((nint)Uv.uv_strerror_r(err, buf, 256))!;
    }
}
