using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_listen(nint stream, int backlog, delegate* unmanaged[Cdecl]<nint, int, void> connectionCb);
    [LibraryImport(Lib)] internal static partial int uv_accept(nint server, nint client);
    [LibraryImport(Lib)]
    internal static partial int uv_read_start(nint stream,
        delegate* unmanaged[Cdecl]<nint, nuint, UvBuf*, void> allocCb,
        delegate* unmanaged[Cdecl]<nint, nint, UvBuf*, void> readCb);
    [LibraryImport(Lib)] internal static partial int uv_read_stop(nint stream);
    [LibraryImport(Lib)]
    internal static partial int uv_write(nint req, nint stream, UvBuf* bufs, uint nbufs,
        delegate* unmanaged[Cdecl]<nint, int, void> writeCb);
    [LibraryImport(Lib)] internal static partial int uv_try_write(nint stream, UvBuf* bufs, uint nbufs);
    /// <summary>A write that also sends <paramref name="sendHandle"/> over an IPC pipe (uv_pipe_init with ipc = 1).</summary>
    [LibraryImport(Lib)]
    internal static partial int uv_write2(nint req, nint stream, UvBuf* bufs, uint nbufs, nint sendHandle,
        delegate* unmanaged[Cdecl]<nint, int, void> writeCb);
    [LibraryImport(Lib)] internal static partial int uv_shutdown(nint req, nint stream, delegate* unmanaged[Cdecl]<nint, int, void> shutdownCb);
    [LibraryImport(Lib)] internal static partial int uv_is_readable(nint stream);
    [LibraryImport(Lib)] internal static partial int uv_is_writable(nint stream);
    [LibraryImport(Lib)] internal static partial nuint uv_stream_get_write_queue_size(nint stream);
    [LibraryImport(Lib)] internal static partial int uv_stream_set_blocking(nint stream, int blocking);
}
