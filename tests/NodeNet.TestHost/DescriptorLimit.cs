using System.Runtime.InteropServices;

namespace NodeNet.TestHost;

/// <summary>
/// Accepts <c>count</c> connections, then lowers the descriptor limit to what is open, so nothing more can be opened.
/// A connect then fails with EMFILE, and every accepted socket is destroyed: the process's first Destroy calls happen
/// at the limit, and must not need a new descriptor (a lazily loaded assembly would). Prints "port N" when listening,
/// then "connect EMFILE", "destroyed K" and "closed".
/// </summary>
internal static partial class DescriptorLimit
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Cur, Max; }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    private const int RlimitNofile = 7; // Linux

    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0]) : 4;
        var accepted = new List<Socket>();
        bool held = false;
        EventLoop.Run(() =>
        {
            Server? server = null;
            server = Net.CreateServer(new ServerOptions { PauseOnConnect = true }, s =>
            {
                accepted.Add(s);
                if (accepted.Count == count) AtTheLimit(server!);
            });
            server.Listen(0, "127.0.0.1", () => Console.WriteLine($"port {server.Address()!.Port}"));
        });

        void AtTheLimit(Server server)
        {
            Console.WriteLine($"accepted {accepted.Count}");
            int open = Directory.GetFiles("/proc/self/fd").Length - 1; // less the listing's own descriptor
            getrlimit(RlimitNofile, out var current);
            if (setrlimit(RlimitNofile, new RLimit { Cur = (ulong)open, Max = current.Max }) != 0)
                throw new InvalidOperationException($"setrlimit: errno {Marshal.GetLastPInvokeError()}");
            var client = Net.Connect(server.Address()!.Port, "127.0.0.1");
            client.On<Exception>("error", e =>
            {
                Console.WriteLine($"connect {(e as INodeError)?.Code}");
                foreach (var s in accepted) s.Destroy();
                Console.WriteLine($"destroyed {accepted.Count}");
                server.Close(_ => { held = true; Console.WriteLine("closed"); });
            });
            client.On("connect", () => Console.WriteLine("connected: the limit did not hold"));
        }
        return held ? 0 : 1;
    }
}
