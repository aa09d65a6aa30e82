using System.Runtime.InteropServices;

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
    [LibraryImport(Lib)] internal static partial int uv_fileno(nint handle, nint* fd);
    [LibraryImport(Lib)] internal static partial int uv_send_buffer_size(nint handle, int* value);
    [LibraryImport(Lib)] internal static partial int uv_recv_buffer_size(nint handle, int* value);
    [LibraryImport(Lib)] internal static partial UvHandleType uv_guess_handle(int fd);
}
