using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_pipe_init(nint loop, nint handle, int ipc);
    [LibraryImport(Lib)] internal static partial int uv_pipe_open(nint handle, int file);
    [LibraryImport(Lib)] internal static partial int uv_pipe_bind(nint handle, byte* name);
    [LibraryImport(Lib)]
    internal static partial void uv_pipe_connect(nint req, nint handle, byte* name, delegate* unmanaged[Cdecl]<nint, int, void> connectCb);
    [LibraryImport(Lib)] internal static partial int uv_pipe_getsockname(nint handle, byte* buffer, nuint* size);
    [LibraryImport(Lib)] internal static partial int uv_pipe_getpeername(nint handle, byte* buffer, nuint* size);
    [LibraryImport(Lib)] internal static partial void uv_pipe_pending_instances(nint handle, int count);
    [LibraryImport(Lib)] internal static partial int uv_pipe_chmod(nint handle, int flags);
    /// <summary>Handles received over an IPC pipe and not yet accepted.</summary>
    [LibraryImport(Lib)] internal static partial int uv_pipe_pending_count(nint handle);
    [LibraryImport(Lib)] internal static partial UvHandleType uv_pipe_pending_type(nint handle);
    // uv_socketpair takes uv_os_sock_t[2]: int[2] on Unix. Windows' sockets cannot become IPC pipes, so it is Unix-only here.
    [LibraryImport(Lib), System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static partial int uv_socketpair(int type, int protocol, int* socketVector, int flags0, int flags1);
}
