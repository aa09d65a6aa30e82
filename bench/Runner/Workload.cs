using System.Diagnostics;
using System.Globalization;

namespace Bench;

/// <summary>One netload run: what to pass it and which figure of its output line to report.</summary>
internal sealed record Workload(string Name, string Title, string Unit, string Metric, bool Unix, params string[] NetloadArgs)
{
    public static Dictionary<string, double> Run(string netload, string target, bool unix, string[] args, int seconds)
    {
        var psi = new ProcessStartInfo(netload) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--duration"); psi.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        if (unix) { psi.ArgumentList.Add("--unix"); psi.ArgumentList.Add(target); }
        else { psi.ArgumentList.Add("--port"); psi.ArgumentList.Add(target); }
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit((seconds + 30) * 1000)) { p.Kill(); throw new TimeoutException("netload hung"); }
        return output.Trim().Split(' ').Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2)
            .Where(kv => double.TryParse(kv[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
    }
}
