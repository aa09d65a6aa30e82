using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>Windows named pipes: what libuv does not offer. The peer's process id, for the socket's peer credentials.</summary>
internal static partial class NamedPipe
{
    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetNamedPipeClientProcessId(nint pipe, out uint clientProcessId);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetNamedPipeServerProcessId(nint pipe, out uint serverProcessId);

    /// <summary>The process at the other end of <paramref name="pipe"/>: the client, seen from the server's end, or the
    /// server, seen from a client's. Null when Windows cannot tell.</summary>
    public static int? PeerProcessId(nint pipe, bool serverEnd)
    {
        uint pid;
        bool ok = serverEnd ? GetNamedPipeClientProcessId(pipe, out pid) : GetNamedPipeServerProcessId(pipe, out pid);
        return ok && pid != 0 ? (int)pid : null;
    }
}
