using System.Diagnostics;

namespace Bench;

/// <summary>One echo server implementation: how to start it on a port or a socket path.</summary>
internal sealed record Contender(string Name, string File, string[] Args)
{
    public Process Start(string where)
    {
        var psi = new ProcessStartInfo(File) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(where);
        if (File == "dotnet")
        {
            // Every .NET contender alike: workstation GC with a small gen0 budget. Without it the budget follows the
            // CPU's cache size (tens of MB on server CPUs) and peak RSS measures that setting rather than the server.
            psi.Environment["DOTNET_gcServer"] = "0";
            psi.Environment["DOTNET_GCgen0size"] = "0x200000";
            psi.Environment["DOTNET_GCConserveMemory"] = "5";
        }
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

    /// <summary>Peak resident set (VmHWM) of a running server, in MiB: of its whole process tree (node cluster's workers too).</summary>
    public static double PeakRssMiB(Process p) => PeakRssTree(p.Id);

    private static double PeakRssTree(int pid)
    {
        double own = double.NaN;
        try
        {
            foreach (var line in System.IO.File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:")) own = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            foreach (string task in System.IO.Directory.GetDirectories($"/proc/{pid}/task"))
                foreach (string child in System.IO.File.ReadAllText(System.IO.Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    own += PeakRssTree(int.Parse(child));
        }
        catch (System.IO.IOException) { } // a process that just ended
        return own;
    }

    public static void Stop(Process p)
    {
        try { if (!p.HasExited) { p.Kill(entireProcessTree: true); p.WaitForExit(5000); } } catch (InvalidOperationException) { }
        p.Dispose();
    }
}
