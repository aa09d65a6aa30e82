using System.Runtime.InteropServices;

namespace NodeNet;

/// <summary>
/// systemd socket activation (sd_listen_fds): the listening sockets a service manager passed this process, TCP or Unix
/// domain, to give to <c>server.Listen(new ListenOptions { Fd = socket.Fd })</c>. Node cannot listen on a passed Unix
/// socket (it fails with EEXIST, node#44035); NodeNet can.
/// </summary>
public static partial class SocketActivation
{
    /// <summary>SD_LISTEN_FDS_START: passed descriptors begin at 3.</summary>
    public const int FirstDescriptor = 3;

    /// <summary>A listening socket passed by the service manager.</summary>
    /// <param name="Fd">Its descriptor.</param>
    /// <param name="Name">Its name from LISTEN_FDNAMES (FileDescriptorName= in the .socket unit), or null.</param>
    public sealed record InheritedSocket(int Fd, string? Name);

    /// <summary>The sockets passed to this process: none unless LISTEN_PID is this process and LISTEN_FDS is set. They are
    /// marked close-on-exec, and, as sd_listen_fds(1) does, the variables are removed so child processes do not take them
    /// for theirs (<paramref name="unsetEnvironment"/>).</summary>
    public static IReadOnlyList<InheritedSocket> Listeners(bool unsetEnvironment = true)
    {
        if (!OperatingSystem.IsLinux()) return []; // systemd is Linux's (and fcntl is variadic: called here only where that is safe)
        string? pid = Environment.GetEnvironmentVariable("LISTEN_PID"), count = Environment.GetEnvironmentVariable("LISTEN_FDS");
        string[] names = Environment.GetEnvironmentVariable("LISTEN_FDNAMES")?.Split(':') ?? [];
        if (unsetEnvironment)
            foreach (string v in new[] { "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES" }) Environment.SetEnvironmentVariable(v, null);
        if (!int.TryParse(pid, out int p) || p != Environment.ProcessId || !int.TryParse(count, out int n) || n <= 0) return [];
        var sockets = new InheritedSocket[n];
        for (int i = 0; i < n; i++)
        {
            int fd = FirstDescriptor + i;
            fcntl(fd, FSetFd, FdCloexec);
            sockets[i] = new InheritedSocket(fd, i < names.Length && names[i].Length > 0 ? names[i] : null);
        }
        return sockets;
    }

    private const int FSetFd = 2, FdCloexec = 1;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int fd, int command, int argument);
}
