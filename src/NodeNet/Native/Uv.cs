using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

[assembly: DisableRuntimeMarshalling]

namespace NodeNet.Native;

/// <summary>
/// Raw libuv entry points under libuv's own names. One partial file per section of uv.h.
/// Signatures are blittable only: handles and requests are nint, size_t is nuint,
/// ssize_t is nint, strings are NUL-terminated UTF-8 byte*. Where a C type differs by platform (uv_os_fd_t,
/// uv_os_sock_t), there is one import per platform, marked [SupportedOSPlatform]/[UnsupportedOSPlatform("windows")];
/// SignatureTests checks every import against uv.h's prototypes for each target.
/// </summary>
internal static unsafe partial class Uv
{
    /// <summary>The name every import uses; <see cref="LibuvLoader"/> resolves it.</summary>
    internal const string Lib = "libuv";
}
