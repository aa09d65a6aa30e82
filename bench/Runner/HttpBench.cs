using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bench;

/// <summary>Which HTTP row: HTTP/1.1 over TCP under wrk, HTTP/2 cleartext (prior knowledge) under h2load, or HTTP/1.1
/// over a Unix socket under bench/httpload.c (wrk and h2load dial TCP only).</summary>
internal enum HttpKind { Http1, H2c, Unix }

/// <summary>HTTP through Kestrel: samples/AspNetCore on NodeNet's transport (thread-pool and inline scheduling) and on
/// Kestrel's own Sockets transport, under one load client per <see cref="HttpKind"/>, in alternating order over the rounds.</summary>
internal sealed class HttpBench(HttpKind kind, string sampleDll, string httpload, int rounds, int seconds)
{
    private const string Sockets = "Kestrel on Sockets";

    private static readonly (string Name, string[] Args)[] Contenders =
    [
        ("Kestrel on NodeNet", ["--transport", "nodenet"]),
        ("Kestrel on NodeNet, inline", ["--transport", "nodenet", "--inline", "true"]),
        (Sockets, ["--transport", "sockets"]),
    ];

    private readonly Dictionary<string, Dictionary<string, List<double>>> _results = Contenders.ToDictionary(c => c.Name, _ => new Dictionary<string, List<double>>());

    public static readonly HttpKind[] All = [HttpKind.Http1, HttpKind.H2c, HttpKind.Unix];

    private string ClientName => kind switch
    {
        HttpKind.Http1 => "wrk -t1 -c50",
        HttpKind.H2c => "h2load -t1 -c10 -m10", // 10 connections with 10 streams each: HTTP/2's multiplexing at work
        _ => "httpload --conns 50", // bench/httpload.c
    };

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
                catch (Exception e) { ok = false; log($"{kind} {name}: FAILED: {e.Message}"); }
            }
        }
        return ok;
    }

    private void Measure(string name, string[] args, Action<string> log)
    {
        int port = FreePort();
        string socket = Path.Combine(Path.GetTempPath(), $"nodenet-http-{Environment.ProcessId}.sock");
        string url = kind == HttpKind.Unix ? $"http://unix:{socket}" : $"http://127.0.0.1:{port}";
        File.Delete(socket); // a stale file from a killed run would be EADDRINUSE
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { sampleDll, "--urls", url, "--loops", "1" }.Concat(args)) psi.ArgumentList.Add(a);
        // Cleartext HTTP/2 only by prior knowledge: an Http1AndHttp2 endpoint without TLS speaks HTTP/1.1 alone.
        if (kind == HttpKind.H2c) foreach (string a in new[] { "--Kestrel:EndpointDefaults:Protocols", "Http2" }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "0"; // all three alike, as the echo contenders
        using var server = Process.Start(psi)!;
        server.ErrorDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        try
        {
            var line = server.StandardOutput.ReadLineAsync();
            if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result?.StartsWith("listening on ", StringComparison.Ordinal) != true)
                throw new InvalidOperationException("did not start");
            Load(port, socket, 1); // warm-up: JIT and tiering, not measured
            var figures = Load(port, socket, seconds);
            foreach (var (k, v) in figures) Add(name, k, v);
            log($"{kind,-5} {name,-28} {figures["rps"],12:N0} req/s  " +
                (kind == HttpKind.H2c ? $"mean {figures["mean"]:N0} µs" : $"p50 {figures["p50"]:N0} µs  p99 {figures["p99"]:N0} µs"));
        }
        finally
        {
            Contender.Stop(server);
            File.Delete(socket);
        }
    }

    private Dictionary<string, double> Load(int port, string socket, int secs) => kind switch
    {
        HttpKind.Http1 => Wrk(port, secs),
        HttpKind.H2c => H2load(port, secs),
        _ => HttpLoad(socket, secs),
    };

    private static Dictionary<string, double> Wrk(int port, int seconds)
    {
        string output = Client("wrk", seconds, "-t1", "-c50", $"-d{seconds}s", "--latency", $"http://127.0.0.1:{port}/plaintext");
        if (output.Contains("Socket errors") || output.Contains("Non-2xx")) throw new InvalidOperationException("wrk saw errors:\n" + output);
        return new()
        {
            ["rps"] = Number(output, @"Requests/sec:\s+([\d.]+)"),
            ["p50"] = Micros(Regex.Match(output, @"\s50%\s+([\d.]+)(us|ms|s)")),
            ["p99"] = Micros(Regex.Match(output, @"\s99%\s+([\d.]+)(us|ms|s)")),
        };
    }

    private static Dictionary<string, double> H2load(int port, int seconds)
    {
        // -D: a timed run; h2load reports the mean time per request, not percentiles.
        string output = Client("h2load", seconds, "-t1", "-c10", "-m10", "-D", seconds.ToString(CultureInfo.InvariantCulture), $"http://127.0.0.1:{port}/plaintext");
        var counts = Regex.Match(output, @"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored");
        var codes = Regex.Match(output, @"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx");
        if (!counts.Success || !codes.Success || counts.Groups[2].Value == "0" || counts.Groups[4].Value != "0" ||
            codes.Groups[3].Value != "0" || codes.Groups[4].Value != "0")
            throw new InvalidOperationException("h2load saw errors (or spoke no HTTP/2):\n" + output);
        return new()
        {
            ["rps"] = Number(output, @"finished in [\d.]+\w+, ([\d.]+) req/s"),
            ["mean"] = Micros(Regex.Match(output, @"time for request:\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)")),
        };
    }

    private Dictionary<string, double> HttpLoad(string socket, int seconds)
    {
        string output = Client(httpload, seconds, "--unix", socket, "--conns", "50", "--duration", seconds.ToString(CultureInfo.InvariantCulture));
        var figures = Regex.Matches(output, @"(\w+)=([\d.]+)").ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        if (!figures.ContainsKey("rps") || figures["errors"] > 0 || figures["non2xx"] > 0 || figures["requests"] == 0)
            throw new InvalidOperationException("httpload saw errors:\n" + output);
        return new() { ["rps"] = figures["rps"], ["p50"] = figures["p50_us"], ["p99"] = figures["p99_us"] };
    }

    private static string Client(string program, int seconds, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var errors = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit((seconds + 30) * 1000)) { p.Kill(); throw new TimeoutException($"{program} hung"); }
        return output + errors.Result;
    }

    private static double Number(string output, string pattern) =>
        double.Parse(Regex.Match(output, pattern).Groups[1].Value, CultureInfo.InvariantCulture);

    private static double Micros(Match m) => !m.Success ? double.NaN
        : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value switch { "us" => 1, "ms" => 1000, _ => 1_000_000 });

    private void Add(string name, string metric, double value)
    {
        if (!_results[name].TryGetValue(metric, out var list)) _results[name][metric] = list = [];
        list.Add(value);
    }

    public double Median(string name, string metric)
    {
        if (!_results[name].TryGetValue(metric, out var v) || v.Count == 0) return double.NaN;
        var s = v.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>The report's section.</summary>
    public string Markdown()
    {
        var md = new StringBuilder();
        string what = kind switch
        {
            HttpKind.Http1 => "HTTP plaintext through Kestrel",
            HttpKind.H2c => "HTTP/2 cleartext (h2c, prior knowledge) through Kestrel",
            _ => "HTTP/1.1 plaintext over a Unix socket through Kestrel",
        };
        md.AppendLine($"## {what}, `{ClientName}` (req/s)");
        md.AppendLine();
        md.AppendLine("samples/AspNetCore (a minimal API, `GET /plaintext`) with one event loop, against the same app on Kestrel's own Sockets transport. " +
                      "Inline: Kestrel and the handler run on the loop thread (`UnsafePreferInlineScheduling`); the default continues on the thread pool." +
                      kind switch
                      {
                          HttpKind.H2c => " Kestrel's endpoint speaks HTTP/2 only (`Protocols = Http2`); h2load gives a mean time per request, not percentiles.",
                          HttpKind.Unix => " The app listens on `http://unix:PATH`; the client is bench/httpload.c (epoll, C: keep-alive connections, one request at a time on each, as wrk), since wrk and h2load dial TCP only.",
                          _ => "",
                      });
        md.AppendLine();
        bool h2 = kind == HttpKind.H2c;
        md.AppendLine(h2 ? "| contender | req/s | min–max | mean µs | vs Sockets |" : "| contender | req/s | min–max | p50 µs | p99 µs | vs Sockets |");
        md.AppendLine(h2 ? "|---|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|");
        double sockets = Median(Sockets, "rps");
        foreach (var (name, _) in Contenders)
        {
            double rps = Median(name, "rps");
            var all = _results[name].GetValueOrDefault("rps") ?? [];
            string range = all.Count > 0 ? $"{all.Min():N0}–{all.Max():N0}" : "–";
            string vs = name == Sockets || double.IsNaN(rps) || double.IsNaN(sockets) ? "" : $"{rps / sockets:F2}×";
            string latency = h2 ? $"{Median(name, "mean"):N0}" : $"{Median(name, "p50"):N0} | {Median(name, "p99"):N0}";
            md.AppendLine($"| {name} | {rps:N0} | {range} | {latency} | {vs} |");
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
