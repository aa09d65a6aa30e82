using System.Net;
using System.Runtime.InteropServices;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.TestHost;

/// <summary>
/// Socket activation as systemd does it, without systemd. "systemd-launch PATH": creates a listening TCP socket
/// (127.0.0.1, any port) and a listening Unix socket at PATH, moves them to descriptors 3 and 4, sets LISTEN_FDS=2,
/// LISTEN_PID (this pid, which exec keeps) and LISTEN_FDNAMES=web:control, prints "port P", and execs
/// "systemd-serve", which adopts both through SocketActivation and echoes on them.
/// </summary>
internal static unsafe partial class SystemdActivation
{
    [LibraryImport("libc", SetLastError = true)] private static partial int dup2(int oldFd, int newFd);
    [LibraryImport("libc", SetLastError = true)] private static partial int execve(byte* path, byte** argv, byte** envp);

    public static int Launch(string[] args)
    {
        var tcp = new NetSocket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen(16);
        var unix = new NetSocket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        unix.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(args[0]));
        unix.Listen(16);
        int port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
        // dup2 clears close-on-exec on the new descriptor: exactly what passing them needs.
        if (dup2((int)tcp.SafeHandle.DangerousGetHandle(), 3) != 3 || dup2((int)unix.SafeHandle.DangerousGetHandle(), 4) != 4)
            throw new InvalidOperationException($"dup2: errno {Marshal.GetLastPInvokeError()}");
        Console.WriteLine($"port {port}");
        Console.Out.Flush();
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => (string)e.Key is not ("LISTEN_FDS" or "LISTEN_PID" or "LISTEN_FDNAMES"))
            .Select(e => $"{e.Key}={e.Value}")
            .Concat([$"LISTEN_FDS=2", $"LISTEN_PID={Environment.ProcessId}", "LISTEN_FDNAMES=web:control"]).ToArray();
        string dotnet = Environment.ProcessPath!;
        string[] argv = [dotnet, typeof(SystemdActivation).Assembly.Location, "systemd-serve"];
        execve(Utf8(dotnet), Utf8Array(argv), Utf8Array(env));
        throw new InvalidOperationException($"execve: errno {Marshal.GetLastPInvokeError()}");
    }

    private static byte* Utf8(string s) => (byte*)Marshal.StringToCoTaskMemUTF8(s);

    private static byte** Utf8Array(string[] items)
    {
        var array = (byte**)Marshal.AllocCoTaskMem((items.Length + 1) * sizeof(byte*));
        for (int i = 0; i < items.Length; i++) array[i] = Utf8(items[i]);
        array[items.Length] = null;
        return array;
    }

    /// <summary>After the exec: adopt what was passed and echo on it; prints each socket's name and address.</summary>
    public static int Serve(string[] args)
    {
        var sockets = SocketActivation.Listeners();
        Console.WriteLine($"inherited {sockets.Count}, LISTEN_FDS now {Environment.GetEnvironmentVariable("LISTEN_FDS") ?? "unset"}");
        EventLoop.Run(() =>
        {
            foreach (var inherited in sockets)
            {
                var server = Net.CreateServer(s => { s.On<Exception>("error", _ => { }); s.On<byte[]>("data", d => s.Write(d)); });
                server.On<Exception>("error", e => Console.WriteLine($"{inherited.Name} error {e.Message}"));
                server.Listen(new ListenOptions { Fd = inherited.Fd }, () =>
                    Console.WriteLine($"{inherited.Name} fd {inherited.Fd} listening {server.Address()}"));
            }
        });
        return 0;
    }
}
