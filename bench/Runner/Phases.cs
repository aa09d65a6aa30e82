using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench;

/// <summary>The workloads that are more than one netload run: per-connection memory with many idle connections, and the
/// calibration of the fixed offered load for tail latency.</summary>
internal static partial class Phases
{
    /// <summary>Idle connections, then one message on each: the server's RSS per idle connection (KiB over its RSS after a
    /// warm-up) and the time until every connection got its echo.</summary>
    public static Dictionary<string, double> IdleCost(Contender c, string netload, int connections, Func<int> freePort)
    {
        int port = freePort();
        string where = port.ToString(CultureInfo.InvariantCulture);
        var server = c.Start(where);
        try
        {
            Workload.Run(netload, where, false, ["--mode", "pingpong", "--conns", "50", "--size", "64"], 1); // JIT, pools, buffers
            Thread.Sleep(1000);
            double before = Contender.RssKiB(server);
            var psi = new ProcessStartInfo(netload) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in new[] { "--mode", "idle", "--conns", connections.ToString(CultureInfo.InvariantCulture), "--size", "64",
                         "--duration", "60", "--port", where, "--sources", "4" })
                psi.ArgumentList.Add(a);
            using var load = Process.Start(psi)!;
            string? up = load.StandardOutput.ReadLine();
            if (up == null || !up.StartsWith("connected ", StringComparison.Ordinal)) throw new InvalidOperationException("netload idle gave no connections");
            int connected = int.Parse(up["connected ".Length..], CultureInfo.InvariantCulture);
            Thread.Sleep(1500); // the server accepts from its backlog after the client sees the connection
            double idle = Contender.RssKiB(server);
            load.StandardInput.WriteLine("go");
            load.StandardInput.Flush();
            string result = load.StandardOutput.ReadLine() ?? "";
            load.StandardInput.Close();
            load.WaitForExit(30_000);
            var r = result.Split(' ').Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2 && double.TryParse(kv[1], CultureInfo.InvariantCulture, out _))
                .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
            r["connected"] = connected;
            r["bytes_per_conn"] = (idle - before) * 1024 / Math.Max(1, connected);
            r["rss_before_mib"] = before / 1024;
            r["rss_idle_mib"] = idle / 1024;
            return r;
        }
        finally { Contender.Stop(server); }
    }

    /// <summary>Lets this process and its children open as many descriptors as the hard limit allows (10,000 idle
    /// connections need more than the usual 1,024).</summary>
    public static void RaiseDescriptorLimit()
    {
        if (!OperatingSystem.IsLinux()) return;
        var limit = new RLimit();
        if (getrlimit(7 /* RLIMIT_NOFILE */, ref limit) != 0) return;
        limit.Current = limit.Max;
        setrlimit(7, ref limit);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Current, Max; }

    [LibraryImport("libc", SetLastError = true)] private static partial int getrlimit(int resource, ref RLimit limit);
    [LibraryImport("libc", SetLastError = true)] private static partial int setrlimit(int resource, ref RLimit limit);
}
