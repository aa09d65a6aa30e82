using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial nuint uv_handle_size(UvHandleType type);
    [LibraryImport(Lib)] internal static partial UvHandleType uv_handle_get_type(nint handle);
    [LibraryImport(Lib)] internal static partial void uv_close(nint handle, delegate* unmanaged[Cdecl]<nint, void> closeCb);
    [LibraryImport(Lib)] internal static partial int uv_is_closing(nint handle);
    [LibraryImport(Lib)] internal static partial int uv_is_active(nint handle);
    [LibraryImport(Lib)] internal static partial void uv_ref(nint handle);
    [LibraryImport(Lib)] internal static partial void uv_unref(nint handle);
    [LibraryImport(Lib)] internal static partial int uv_has_ref(nint handle);
    // uv_os_fd_t is an int descriptor on Unix and a HANDLE on Windows: one import per platform (see Native/Uv.cs).
    [LibraryImport(Lib, EntryPoint = "uv_fileno"), UnsupportedOSPlatform("windows")]
    internal static partial int uv_fileno_unix(nint handle, int* fd);
    [LibraryImport(Lib, EntryPoint = "uv_fileno"), SupportedOSPlatform("windows")]
    internal static partial int uv_fileno_windows(nint handle, nint* fd);

    /// <summary>The handle's descriptor (Unix) or HANDLE (Windows) as a pointer-sized number, or -1.</summary>
    internal static nint FileNo(nint handle)
    {
        if (OperatingSystem.IsWindows()) { nint h; return uv_fileno_windows(handle, &h) == 0 ? h : -1; }
        int fd;
        return uv_fileno_unix(handle, &fd) == 0 ? fd : -1;
    }
    [LibraryImport(Lib)] internal static partial int uv_send_buffer_size(nint handle, int* value);
    [LibraryImport(Lib)] internal static partial int uv_recv_buffer_size(nint handle, int* value);
    [LibraryImport(Lib)] internal static partial UvHandleType uv_guess_handle(int fd);
}
