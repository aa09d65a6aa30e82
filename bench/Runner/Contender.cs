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

    /// <summary>Peak resident set (VmHWM) of a running process, in MiB.</summary>
    public static double PeakRssMiB(Process p)
    {
        foreach (var line in System.IO.File.ReadLines($"/proc/{p.Id}/status"))
            if (line.StartsWith("VmHWM:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    public static void Stop(Process p)
    {
        try { if (!p.HasExited) { p.Kill(entireProcessTree: true); p.WaitForExit(5000); } } catch (InvalidOperationException) { }
        p.Dispose();
    }
}
