using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial byte* uv_err_name_r(int err, byte* buf, nuint buflen);
    [LibraryImport(Lib)] internal static partial byte* uv_strerror_r(int err, byte* buf, nuint buflen);
    [LibraryImport(Lib)] internal static partial int uv_translate_sys_error(int sysErrno);
}
