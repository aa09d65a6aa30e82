using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bench;

/// <summary>HTTP through Kestrel: samples/AspNetCore on NodeNet's transport (thread-pool and inline scheduling) and on
/// Kestrel's own Sockets transport, under wrk (plaintext, 50 connections), in alternating order over the rounds.</summary>
internal sealed class HttpBench(string sampleDll, int rounds, int seconds)
{
    private static readonly (string Name, string[] Args)[] Contenders =
    [
        ("Kestrel on NodeNet", ["--transport", "nodenet"]),
        ("Kestrel on NodeNet, inline", ["--transport", "nodenet", "--inline", "true"]),
        ("Kestrel on Sockets", ["--transport", "sockets"]),
    ];

    private readonly Dictionary<string, Dictionary<string, List<double>>> _results = Contenders.ToDictionary(c => c.Name, _ => new Dictionary<string, List<double>>());

    /// <summary>Runs every round; false if a contender failed or answered with errors.</summary>
    public bool Run(Action<string> log)
    {
        bool ok = true;
        for (int round = 0; round < rounds; round++)
        {
            var order = Contenders.ToList();
            if (round % 2 == 1) order.Reverse();
            foreach (var (name, args) in order)
            {
                try { Measure(name, args, log); }
                catch (Exception e) { ok = false; log($"{name}: FAILED: {e.Message}"); }
            }
        }
        return ok;
    }

    private void Measure(string name, string[] args, Action<string> log)
    {
        int port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { sampleDll, "--urls", $"http://127.0.0.1:{port}", "--loops", "1" }.Concat(args)) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "0"; // all three alike, as the echo contenders
        using var server = Process.Start(psi)!;
        server.ErrorDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        try
        {
            var line = server.StandardOutput.ReadLineAsync();
            if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result?.StartsWith("listening on ", StringComparison.Ordinal) != true)
                throw new InvalidOperationException("did not start");
            Wrk(port, 1, out _); // warm-up: JIT and tiering, not measured
            string output = Wrk(port, seconds, out var figures);
            if (output.Contains("Socket errors") || output.Contains("Non-2xx")) throw new InvalidOperationException("wrk saw errors:\n" + output);
            foreach (var (k, v) in figures) Add(name, k, v);
            log($"{name,-28} {figures["rps"],12:N0} req/s  p50 {figures["p50"]:N0} µs  p99 {figures["p99"]:N0} µs");
        }
        finally { Contender.Stop(server); }
    }

    private static string Wrk(int port, int seconds, out Dictionary<string, double> figures)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-t1", "-c50", $"-d{seconds}s", "--latency", $"http://127.0.0.1:{port}/plaintext" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit((seconds + 30) * 1000)) { p.Kill(); throw new TimeoutException("wrk hung"); }
        figures = new Dictionary<string, double>
        {
            ["rps"] = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture),
            ["p50"] = Micros(Regex.Match(output, @"\s50%\s+([\d.]+)(us|ms|s)")),
            ["p99"] = Micros(Regex.Match(output, @"\s99%\s+([\d.]+)(us|ms|s)")),
        };
        return output;
    }

    private static double Micros(Match m) => !m.Success ? double.NaN
        : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value switch { "us" => 1, "ms" => 1000, _ => 1_000_000 });

    private void Add(string name, string metric, double value)
    {
        if (!_results[name].TryGetValue(metric, out var list)) _results[name][metric] = list = [];
        list.Add(value);
    }

    private double Median(string name, string metric)
    {
        if (!_results[name].TryGetValue(metric, out var v) || v.Count == 0) return double.NaN;
        var s = v.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>The report's section.</summary>
    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("## HTTP plaintext through Kestrel, `wrk -t1 -c50` (req/s)");
        md.AppendLine();
        md.AppendLine("samples/AspNetCore (a minimal API) with one event loop, against the same app on Kestrel's own Sockets transport. " +
                      "Inline: Kestrel and the handler run on the loop thread (`UnsafePreferInlineScheduling`); the default continues on the thread pool.");
        md.AppendLine();
        md.AppendLine("| contender | req/s | min–max | p50 µs | p99 µs | vs Sockets |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        double sockets = Median("Kestrel on Sockets", "rps");
        foreach (var (name, _) in Contenders)
        {
            double rps = Median(name, "rps");
            var all = _results[name].GetValueOrDefault("rps") ?? [];
            string range = all.Count > 0 ? $"{all.Min():N0}–{all.Max():N0}" : "–";
            string vs = name == "Kestrel on Sockets" || double.IsNaN(rps) || double.IsNaN(sockets) ? "" : $"{rps / sockets:F2}×";
            md.AppendLine($"| {name} | {rps:N0} | {range} | {Median(name, "p50"):N0} | {Median(name, "p99"):N0} | {vs} |");
        }
        return md.ToString();
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int p = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }
}
