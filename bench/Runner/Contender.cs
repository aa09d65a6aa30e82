using System.Diagnostics;

namespace Bench;

/// <summary>One echo server implementation: how to start it on a port or a socket path, and with which runtime settings
/// (none: the runtime's defaults, as a user gets them).</summary>
internal sealed record Contender(string Name, string File, string[] Args, IReadOnlyDictionary<string, string>? Env = null)
{
    /// <summary>True for NodeNet's own contenders (the rows compared with node and bun).</summary>
    public bool IsNodeNet => Name.StartsWith("NodeNet", StringComparison.Ordinal);

    /// <summary>The workloads (by name) this contender runs; null: all of them, plus tail latency and idle cost.</summary>
    public string[]? OnlyWorkloads { get; init; }

    public bool Runs(Workload w) => OnlyWorkloads == null || OnlyWorkloads.Contains(w.Name);

    public Process Start(string where)
    {
        var psi = new ProcessStartInfo(File) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(where);
        if (Env != null) foreach (var (k, v) in Env) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        var ready = p.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result?.Trim() != "ready")
        {
            Stop(p);
            throw new InvalidOperationException($"{Name} did not start on {where}");
        }
        return p;
    }

    /// <summary>Resident set now (VmRSS) of a running server's process tree, in KiB.</summary>
    public static double RssKiB(Process p) => ReadTree(p.Id, "VmRSS:");

    /// <summary>A /proc status field in KiB, summed over the process and its descendants.</summary>
    private static double ReadTree(int pid, string field)
    {
        double own = double.NaN;
        try
        {
            foreach (var line in System.IO.File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field)) own = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            foreach (string task in System.IO.Directory.GetDirectories($"/proc/{pid}/task"))
                foreach (string child in System.IO.File.ReadAllText(System.IO.Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    own += ReadTree(int.Parse(child), field);
        }
        catch (System.IO.IOException) { } // a process that just ended
        return own;
    }

    /// <summary>Peak resident set (VmHWM) of a running server, in MiB: of its whole process tree (node cluster's workers too).</summary>
    public static double PeakRssMiB(Process p) => ReadTree(p.Id, "VmHWM:") / 1024.0;

    public static void Stop(Process p)
    {
        try { if (!p.HasExited) { p.Kill(entireProcessTree: true); p.WaitForExit(5000); } } catch (InvalidOperationException) { }
        p.Dispose();
    }
}
