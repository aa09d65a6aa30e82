using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial nuint uv_req_size(UvReqType type);
    [LibraryImport(Lib)] internal static partial int uv_cancel(nint req);
}
