using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NodeNet.Soak;

/// <summary>What the suite reads of its own process (RSS, descriptors) and how it runs the load generator.</summary>
internal static partial class Proc
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Cur, Max; }

    [LibraryImport("libc", SetLastError = true)] private static partial int getrlimit(int resource, out RLimit limit);
    [LibraryImport("libc", SetLastError = true)] private static partial int setrlimit(int resource, in RLimit limit);
    private const int RlimitNofile = 7;

    /// <summary>Raises the soft descriptor limit to the hard one; returns the new limit.</summary>
    public static int RaiseDescriptorLimit()
    {
        getrlimit(RlimitNofile, out var l);
        setrlimit(RlimitNofile, new RLimit { Cur = l.Max, Max = l.Max });
        getrlimit(RlimitNofile, out l);
        return (int)Math.Min(l.Cur, int.MaxValue);
    }

    public static int OpenDescriptors() => Descriptors().Count;

    /// <summary>The descriptors a loop or a connection holds (sockets, and the epoll and eventfd instances of loops): what a
    /// leak would show. Assemblies the runtime maps, and pipes it makes for child processes, come and go on their own.</summary>
    public static List<string> LoopDescriptors() =>
        Descriptors().Where(d => d.StartsWith("socket:", StringComparison.Ordinal) || d.StartsWith("anon_inode:", StringComparison.Ordinal)).ToList();

    /// <summary>Threads of loops that servers start for themselves ("NodeNet server loop i"; Linux shows 15 characters of a
    /// thread's name). Thread-pool threads come and go on their own, so they are not counted.</summary>
    public static int ServerLoopThreads() => Directory.GetDirectories("/proc/self/task").Count(t =>
    {
        try { return File.ReadAllText(Path.Combine(t, "comm")).StartsWith("NodeNet server", StringComparison.Ordinal); }
        catch (IOException) { return false; } // the thread ended while we looked
    });

    /// <summary>What each open descriptor is (the /proc/self/fd link targets), less the listing's own.</summary>
    public static List<string> Descriptors()
    {
        var all = new List<string>();
        foreach (string fd in Directory.GetFiles("/proc/self/fd"))
        {
            try { all.Add(new FileInfo(fd).LinkTarget ?? "?"); } catch (IOException) { } // the listing's own, already closed
        }
        all.Remove(all.FirstOrDefault(t => t.StartsWith("/proc/", StringComparison.Ordinal) && t.EndsWith("/fd", StringComparison.Ordinal)) ?? "");
        return all;
    }

    /// <summary>The descriptors open now and not in <paramref name="before"/>, by kind: what a failing count was made of.</summary>
    public static string Excess(List<string> before)
    {
        var now = Descriptors();
        if (before.All(d => d.StartsWith("socket:", StringComparison.Ordinal) || d.StartsWith("anon_inode:", StringComparison.Ordinal))) now = LoopDescriptors();
        foreach (string d in before) now.Remove(d);
        return $"{now.Count}: " + string.Join(", ", now.GroupBy(d => d.StartsWith("anon_inode", StringComparison.Ordinal) ? d : d.Split(":")[0]).Select(g => $"{g.Key} × {g.Count()}"));
    }

    /// <summary>Resident set size in MiB, from /proc/self/status.</summary>
    public static double RssMiB()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return 0;
    }

    public static string NetLoad { get; set; } = "bench/bin/netload";

    /// <summary>Runs netload to completion and parses its key=value line.</summary>
    public static Dictionary<string, string> RunNetLoad(string args, int timeoutSeconds)
    {
        using var p = StartNetLoad(args);
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeoutSeconds * 1000)) { p.Kill(); throw new TimeoutException($"netload {args} did not finish"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"netload {args} exited {p.ExitCode}: {p.StandardError.ReadToEnd()}");
        return Parse(output);
    }

    public static Process StartNetLoad(string args)
    {
        var psi = new ProcessStartInfo(NetLoad, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        return Process.Start(psi)!;
    }

    public static Dictionary<string, string> Parse(string line) =>
        line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2))
            .Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);

    public static long L(this Dictionary<string, string> d, string key) => d.TryGetValue(key, out var v) ? (long)double.Parse(v) : -1;

    /// <summary>Runs <paramref name="f"/> on the loop and waits for it.</summary>
    public static T On<T>(this EventLoop loop, Func<T> f)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => { try { tcs.SetResult(f()); } catch (Exception e) { tcs.SetException(e); } });
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }
}
