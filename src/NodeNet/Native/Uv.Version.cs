using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial uint uv_version();
    [LibraryImport(Lib)] internal static partial byte* uv_version_string();
}
