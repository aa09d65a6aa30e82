// The benchmark: every contender echo server under the same netload workloads, in alternating order over
// several rounds; prints and writes a table of medians with ratios to node and bun, and an SVG chart.
//   Runner --root <repo> [--quick] [--rounds N] [--seconds S] [--cores N]
// --quick is CI's smoke test: one short round; it fails only if a contender does not start or echoes wrongly.
// --http-only runs just the HTTP rows (Kestrel on NodeNet against Kestrel on Sockets: HTTP/1.1 under wrk, h2c under
// h2load, HTTP/1.1 over a Unix socket under bench/httpload.c) and writes bench/results/http.md (http-quick.md with --quick).
// --only "A,B" runs only those contenders (and node and bun, which the ratios need); --no-http leaves out the HTTP rows;
// --out NAME writes bench/results/NAME.md instead of latest.md: a focused before/after comparison, not a report.
// --cores N (default 2) sets the loops of the multi-loop NodeNet contenders and node cluster's workers: on a machine
// with more cores than this one's two, run with --cores set to its core count less one or two for the load generator.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench;

string root = Arg("--root") ?? Directory.GetCurrentDirectory();
bool quick = args.Contains("--quick");
int rounds = int.Parse(Arg("--rounds") ?? (quick ? "1" : "3"), CultureInfo.InvariantCulture);
int seconds = int.Parse(Arg("--seconds") ?? (quick ? "1" : "5"), CultureInfo.InvariantCulture);
string config = Arg("--configuration") ?? "Release";
string bin = Path.Combine(root, "bench", "bin");
string netload = Path.Combine(bin, "netload"), httpload = Path.Combine(bin, "httpload");
string nodeModules = Path.Combine(root, "bench", "node_modules");
string echoJs = Path.Combine(root, "bench", "servers", "echo.mjs");
string Dll(string project, string name) => Path.Combine(root, project, "bin", config, "net10.0", name + ".dll");
int cores = int.Parse(Arg("--cores") ?? "2", CultureInfo.InvariantCulture);
string clusterJs = Path.Combine(root, "bench", "servers", "cluster.mjs");
Environment.SetEnvironmentVariable("CLUSTER_WORKERS", cores.ToString(CultureInfo.InvariantCulture)); // inherited by node cluster
const string Ceiling = "C libuv (ceiling)", FreshCeiling = "C libuv, fresh chunks";
const string EventsNoDelay = "NodeNet events, noDelay", PipeNoDelay = "NodeNet pipe, noDelay", NodeNoDelay = "node, noDelay";
string[] NoDelayWorkloads = ["pingpong50", "stream4"];
string passName = $"NodeNet events ×{cores} pass", reusePortName = $"NodeNet events ×{cores} reuseport", clusterName = $"node cluster ×{cores}";

// Untuned rows run with the runtime's defaults, as users get them; the lean rows add the settings of NodeNet.Lean.props
// (docs/lean-runtime.md). node, bun and deno run with their defaults.
long gen0Budget = Gen0Budget();
var contenders = new List<Contender>
{
    new("NodeNet events", "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "events"]),
    new("NodeNet pipe", "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "pipe"]),
    new("NodeNet Pipe(socket)", "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "selfpipe"]),
    new("NodeNet events, lean", "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "events"], Lean.Environment),
    new("NodeNet pipe, lean", "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "pipe"], Lean.Environment),
    new("node", "node", [echoJs]),
    new("bun", Path.Combine(nodeModules, ".bin", "bun"), [echoJs]),
    new("deno", Path.Combine(nodeModules, ".bin", "deno"), ["run", "-A", "--quiet", echoJs]),
    new("System.Net.Sockets", "dotnet", [Dll("bench/servers/SocketsEcho", "SocketsEcho")]),
    // The ceiling: a raw C libuv echo with Node's settings (64 KiB reads, Nagle on, uv_try_write first), on the same libuv.
    new(Ceiling, Path.Combine(bin, "uv_echo_try"), []),
    // The same server under Node's rule that each chunk is new memory: it reads into a ring as large as the gen0 budget a
    // .NET process gets on this machine, which a NodeNet 'data' echo cycles through (bench/servers/uv_echo_try.c).
    new(FreshCeiling, Path.Combine(bin, "uv_echo_try"), [], new Dictionary<string, string> { ["UV_ECHO_FRESH"] = gen0Budget.ToString(CultureInfo.InvariantCulture) })
        { OnlyWorkloads = ["stream4"] },
    new(passName, "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), $"events/{cores}/pass"]),
    new(reusePortName, "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), $"events/{cores}/reuseport"]),
    new(clusterName, "node", [clusterJs]),
    // TCP_NODELAY as bun sets it on every accepted socket: the same socket setting for everyone, on the rows it moves.
    new(EventsNoDelay, "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "events+nodelay"]) { OnlyWorkloads = NoDelayWorkloads },
    new(PipeNoDelay, "dotnet", [Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "pipe+nodelay"]) { OnlyWorkloads = NoDelayWorkloads },
    new(NodeNoDelay, "node", [echoJs, "nodelay"]) { OnlyWorkloads = NoDelayWorkloads },
};
string[] multiCore = [passName, reusePortName, clusterName];
var only = Arg("--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
bool Runs(Contender c) => only == null || only.Contains(c.Name) || c.Name is "node" or "bun" or Ceiling or FreshCeiling;
if (only != null && contenders.Count(c => only.Contains(c.Name)) != only.Count)
    throw new ArgumentException($"--only names a contender that does not exist; they are: {string.Join(", ", contenders.Select(c => c.Name))}");
string[] headline = ["NodeNet events", "NodeNet pipe", "NodeNet events, lean", "NodeNet pipe, lean", "node", "bun", "deno", "System.Net.Sockets", Ceiling];
var workloads = new List<Workload>
{
    new("pingpong50", "ping-pong 64 B, 50 connections", "ops/s", "ops_s", false, "--mode", "pingpong", "--conns", "50", "--size", "64"),
    new("latency1", "ping-pong 64 B, 1 connection", "ops/s", "ops_s", false, "--mode", "pingpong", "--conns", "1", "--size", "64"),
    new("stream4", "streaming 64 KiB writes, 4 connections", "MB/s", "mb_s", false, "--mode", "stream", "--conns", "4", "--size", "65536"),
    new("churn", "connection churn (connect, 64 B round trip, close), 50 at a time from 16 source addresses", "conn/s", "ops_s", false, "--mode", "connrate", "--conns", "50", "--size", "64", "--sources", "16"),
    new("unix50", "ping-pong 64 B over a Unix socket, 50 connections", "ops/s", "ops_s", true, "--mode", "pingpong", "--conns", "50", "--size", "64"),
};
Phases.RaiseDescriptorLimit();
var clock = Stopwatch.StartNew();
var http = HttpBench.All.Select(k => new HttpBench(k, Dll("samples/AspNetCore", "AspNetCore"), httpload, rounds, seconds)).ToList();
bool RunHttp() => http.Aggregate(true, (ok, h) => h.Run(line => Console.WriteLine($"[http {clock.Elapsed:mm\\:ss}] {line}")) && ok);
if (args.Contains("--http-only"))
{
    bool ran = RunHttp();
    string httpFile = Path.Combine(root, "bench", "results", (Arg("--out") ?? (quick ? "http-quick" : "http")) + ".md");
    string report = $"# NodeNet HTTP benchmark{(quick ? " (quick smoke run: not a measurement)" : "")}\n\n" +
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {rounds} round(s) × {seconds} s · medians\n\nMachine: {Machine()}\n\n" +
        string.Join("\n", http.Select(h => h.Markdown()));
    File.WriteAllText(httpFile, report);
    Console.WriteLine(report);
    Console.WriteLine($"wrote {httpFile}");
    Environment.Exit(ran ? 0 : 1);
}
int idleConnections = quick ? 1000 : 10_000;

// Tail latency at a fixed offered load: half of what node does closed-loop on this machine, the same for everyone.
double offered = Calibrate();
var latency = new Workload("latency50", $"ping-pong 64 B, 50 connections, open loop at {offered:N0} messages/s", "µs", "p99_us", false,
    "--mode", "pingpong", "--conns", "50", "--size", "64", "--rate", offered.ToString("F0", CultureInfo.InvariantCulture));
Console.WriteLine($"offered load for tail latency: {offered:N0} messages/s (half of node's closed-loop ping-pong)");

double Calibrate()
{
    var node = contenders.Single(c => c.Name == "node");
    int port = FreePort();
    var p = node.Start(port.ToString(CultureInfo.InvariantCulture));
    try { return Math.Round(Workload.Run(netload, port.ToString(CultureInfo.InvariantCulture), false, workloads[0].NetloadArgs, Math.Max(2, seconds)).GetValueOrDefault("ops_s") / 200) * 100; }
    finally { Contender.Stop(p); }
}

var evenness = new Dictionary<string, List<double>>();
// results[contender][metric] = values over rounds
var results = contenders.ToDictionary(c => c.Name, _ => new Dictionary<string, List<double>>());
void Add(string contender, string metric, double value)
{
    var m = results[contender];
    if (!m.TryGetValue(metric, out var list)) m[metric] = list = [];
    list.Add(value);
}

int total = rounds * contenders.Count(Runs), step = 0, failures = 0;
string socketDir = Path.Combine(Path.GetTempPath(), "nodenet-bench-" + Environment.ProcessId);
Directory.CreateDirectory(socketDir);
for (int round = 0; round < rounds; round++)
{
    // Alternate the order each round, so no contender always runs first (or on a warmer machine).
    var order = contenders.Skip(round % contenders.Count).Concat(contenders.Take(round % contenders.Count)).ToList();
    if (round % 2 == 1) order.Reverse();
    foreach (var c in order.Where(Runs))
    {
        step++;
        int port = FreePort();
        string path = Path.Combine(socketDir, $"{round}-{contenders.IndexOf(c)}.sock");
        Process? tcpServer = null, unixServer = null;
        try
        {
            tcpServer = c.Start(port.ToString(CultureInfo.InvariantCulture));
            if (round == 0) CheckEcho(c, port.ToString(CultureInfo.InvariantCulture));
            foreach (var w in workloads.Where(w => !w.Unix && c.Runs(w)))
            {
                var r = Workload.Run(netload, port.ToString(CultureInfo.InvariantCulture), false, w.NetloadArgs, seconds);
                Record(c, w, r);
            }
            if (headline.Contains(c.Name)) RecordLatency(c, Workload.Run(netload, port.ToString(CultureInfo.InvariantCulture), false, latency.NetloadArgs, seconds));
            Add(c.Name, "rss", Contender.PeakRssMiB(tcpServer));
            if (multiCore.Contains(c.Name) && round == 0)
            {
                // Evenness on a fresh server: 1,000 connections one after another, then the server's count per loop.
                Contender.Stop(tcpServer);
                tcpServer = c.Start(port.ToString(CultureInfo.InvariantCulture));
                Evenness(c, tcpServer, port);
            }
            if (!workloads.Any(w => w.Unix && c.Runs(w))) continue;
            unixServer = c.Start(path);
            if (round == 0) CheckEcho(c, path);
            foreach (var w in workloads.Where(w => w.Unix && c.Runs(w))) Record(c, w, Workload.Run(netload, path, true, w.NetloadArgs, seconds));
            if (headline.Contains(c.Name))
            {
                Contender.Stop(unixServer);
                unixServer = null;
                var idle = Phases.IdleCost(c, netload, idleConnections, FreePort);
                Add(c.Name, "idle.bytes", idle.GetValueOrDefault("bytes_per_conn"));
                Add(c.Name, "idle.echo_ms", idle.GetValueOrDefault("echo_ms"));
                Add(c.Name, "idle.connected", idle.GetValueOrDefault("connected"));
                Console.WriteLine($"[{step}/{total} {clock.Elapsed:mm\\:ss}] {c.Name,-20} idle       {idle.GetValueOrDefault("connected"),6:N0} connections: " +
                    $"{idle.GetValueOrDefault("bytes_per_conn"),8:N0} B each, all echoed in {idle.GetValueOrDefault("echo_ms"):N0} ms{(idle.GetValueOrDefault("errors") > 0 ? $" ({idle["errors"]} errors)" : "")}");
            }
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"[{step}/{total}] {c.Name}: FAILED: {e.Message}");
        }
        finally
        {
            if (tcpServer != null) Contender.Stop(tcpServer);
            if (unixServer != null) Contender.Stop(unixServer);
        }
    }
}
Directory.Delete(socketDir, true);

bool withHttp = !args.Contains("--no-http");
if (withHttp && !RunHttp()) failures++;

void Record(Contender c, Workload w, Dictionary<string, double> r)
{
    double value = r.GetValueOrDefault(w.Metric);
    Add(c.Name, w.Name, value);
    if (w.Name is "pingpong50" or "latency1") { Add(c.Name, w.Name + ".p50", r.GetValueOrDefault("p50_us")); Add(c.Name, w.Name + ".p99", r.GetValueOrDefault("p99_us")); }
    Console.WriteLine($"[{step}/{total} {clock.Elapsed:mm\\:ss}] {c.Name,-20} {w.Name,-11} {value,12:N0} {w.Unit}{(r.GetValueOrDefault("errors") > 0 ? $" ({r["errors"]} errors)" : "")}");
}

void RecordLatency(Contender c, Dictionary<string, double> r)
{
    foreach (string k in new[] { "p50_us", "p99_us", "p999_us", "ops_s" }) Add(c.Name, "latency50." + k, r.GetValueOrDefault(k));
    Console.WriteLine($"[{step}/{total} {clock.Elapsed:mm\\:ss}] {c.Name,-20} latency50  p50 {r.GetValueOrDefault("p50_us"),7:N0} µs  p99 {r.GetValueOrDefault("p99_us"),7:N0} µs  p99.9 {r.GetValueOrDefault("p999_us"),7:N0} µs at {r.GetValueOrDefault("ops_s"):N0}/s");
}

void Evenness(Contender c, Process server, int port)
{
    for (int i = 0; i < 1000; i++)
    {
        using var s = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        s.Connect(System.Net.IPAddress.Loopback, port);
        s.Send("x"u8);
        s.Receive(new byte[1]); // echoed: accepted and served
    }
    using (var kill = Process.Start("kill", ["-USR2", server.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
    var line = server.StandardOutput.ReadLineAsync();
    if (!line.Wait(TimeSpan.FromSeconds(10)) || line.Result?.StartsWith("accepted ") != true) throw new InvalidOperationException($"{c.Name} gave no counts");
    var counts = line.Result["accepted ".Length..].Split(',').Select(double.Parse).ToList();
    evenness[c.Name] = counts;
    Console.WriteLine($"[{step}/{total}] {c.Name}: 1,000 connections per loop {string.Join(" / ", counts)}");
}

// Correctness before speed: NodeNet's echo checker pushes data through the contender and compares it byte for byte.
void CheckEcho(Contender c, string where)
{
    var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in new[] { Dll("samples/Echo", "Echo"), "--check", where, "--connections", "2", "--megabytes", "1" }) psi.ArgumentList.Add(a);
    using var p = Process.Start(psi)!;
    string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
    if (!p.WaitForExit(60_000) || p.ExitCode != 0) throw new InvalidOperationException($"echo check failed on {where}: {output.Trim()}");
    Console.WriteLine($"[{step}/{total}] {c.Name}: echo verified on {(where.Contains('/') ? "a Unix socket" : "TCP")}");
}

double Median(string contender, string metric)
{
    if (!results[contender].TryGetValue(metric, out var v) || v.Count == 0) return double.NaN;
    var s = v.OrderBy(x => x).ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

string Ratio(double mine, double theirs, bool lowerIsBetter) =>
    double.IsNaN(mine) || double.IsNaN(theirs) || theirs == 0 || mine == 0 ? "–" : $"{(lowerIsBetter ? theirs / mine : mine / theirs):F2}×";

string Range(string contender, string metric, string format)
{
    if (!results[contender].TryGetValue(metric, out var v) || v.Count < 2) return "";
    return $" ({v.Min().ToString(format, CultureInfo.InvariantCulture)}–{v.Max().ToString(format, CultureInfo.InvariantCulture)})";
}

var md = new StringBuilder();
md.AppendLine($"# NodeNet benchmark{(quick ? " (quick smoke run: not a measurement)" : "")}");
md.AppendLine();
md.AppendLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {rounds} round(s) × {seconds} s per workload, contenders in alternating order · medians, (min–max) over the rounds · load from `bench/netload.c` (epoll, C) on the same machine.");
md.AppendLine();
md.AppendLine("Machine: " + Machine());
md.AppendLine();
md.AppendLine("Every contender runs with its runtime's defaults, as users get them — except the rows marked *lean*, which add NodeNet's lean runtime settings " +
              $"({string.Join(", ", Lean.Environment.Select(kv => $"`{kv.Key}={kv.Value}`"))}; see docs/lean-runtime.md).");
md.AppendLine();
md.AppendLine("Ratios are NodeNet's figure over the other runtime's (above 1× is better for NodeNet; for RSS, memory and latency, the inverse, so above 1× still means NodeNet is better).");
foreach (var w in workloads.Append(new Workload("rss", "peak RSS of the server under the TCP workloads", "MiB", "", false)))
{
    bool lower = w.Name == "rss";
    md.AppendLine();
    md.AppendLine($"## {w.Title} ({w.Unit})");
    md.AppendLine();
    bool closedLatency = w.Name is "pingpong50" or "latency1";
    md.AppendLine(closedLatency ? "| contender | ops/s | p50 µs | p99 µs | vs node | vs bun | vs C libuv |" : $"| contender | {w.Unit} | vs node | vs bun | vs C libuv |");
    md.AppendLine(closedLatency ? "|---|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|");
    foreach (var c in contenders.Where(c => headline.Contains(c.Name) && Runs(c)))
    {
        double v = Median(c.Name, w.Name);
        string vsNode = c.IsNodeNet ? Ratio(v, Median("node", w.Name), lower) : "";
        string vsBun = c.IsNodeNet ? Ratio(v, Median("bun", w.Name), lower) : "";
        string vsC = c.IsNodeNet ? Ratio(v, Median(Ceiling, w.Name), lower) : "";
        string f = lower ? "N1" : "N0";
        string cell = $"{v.ToString(f, CultureInfo.InvariantCulture)}{Range(c.Name, w.Name, f)}";
        md.AppendLine(closedLatency
            ? $"| {c.Name} | {cell} | {Median(c.Name, w.Name + ".p50"):N0} | {Median(c.Name, w.Name + ".p99"):N0} | {vsNode} | {vsBun} | {vsC} |"
            : $"| {c.Name} | {cell} | {vsNode} | {vsBun} | {vsC} |");
    }
}
md.AppendLine();
const string SelfPipe = "NodeNet Pipe(socket)";
if (Runs(contenders.Single(c => c.Name == SelfPipe)))
{
    md.AppendLine("## Node's stream echo: socket.Pipe(socket) beside the 'data' listener");
    md.AppendLine();
    md.AppendLine("The seeds' `c.pipe(c)`: the same server written with `Pipe` (issue 24's target: at least 0.95× the `data`-listener echo).");
    md.AppendLine();
    md.AppendLine("| workload | Pipe(socket) | events | Pipe(socket) vs events |");
    md.AppendLine("|---|---:|---:|---:|");
    foreach (var w in workloads.Where(w => contenders.Single(c => c.Name == SelfPipe).Runs(w)))
    {
        double p = Median(SelfPipe, w.Name), e = Median("NodeNet events", w.Name);
        md.AppendLine($"| {w.Title} | {p:N0}{Range(SelfPipe, w.Name, "N0")} {w.Unit} | {e:N0}{Range("NodeNet events", w.Name, "N0")} {w.Unit} | {Ratio(p, e, false)} |");
    }
    md.AppendLine();
}
if (Runs(contenders.Single(c => c.Name == FreshCeiling)))
{
    double events = Median("NodeNet events", "stream4"), fresh = Median(FreshCeiling, "stream4"), ceiling = Median(Ceiling, "stream4");
    md.AppendLine("## Streaming under Node's rule: every chunk is new memory");
    md.AppendLine();
    md.AppendLine("A `data` listener owns each chunk it gets and may keep it, so NodeNet reads every 64 KiB into a fresh array, and the .NET " +
                  $"allocator hands those out across its gen0 budget ({gen0Budget / 1e6:N1} MB here, measured by the runner) before a GC reuses the memory; " +
                  "the C server reuses one buffer that stays in cache. The second C row reads into a ring of that size, so the kernel writes " +
                  "memory no recent read used, as it does for NodeNet (`UV_ECHO_FRESH`, bench/servers/uv_echo_try.c).");
    md.AppendLine();
    md.AppendLine("| contender | MB/s | NodeNet events vs it |");
    md.AppendLine("|---|---:|---:|");
    md.AppendLine($"| {Ceiling} | {ceiling:N0}{Range(Ceiling, "stream4", "N0")} | {Ratio(events, ceiling, false)} |");
    md.AppendLine($"| {FreshCeiling} | {fresh:N0}{Range(FreshCeiling, "stream4", "N0")} | {Ratio(events, fresh, false)} |");
    md.AppendLine($"| NodeNet events | {events:N0}{Range("NodeNet events", "stream4", "N0")} | |");
    md.AppendLine();
}
md.AppendLine("## With TCP_NODELAY, as bun sets it");
md.AppendLine();
md.AppendLine("bun sets `TCP_NODELAY` on every accepted socket; node and NodeNet leave Nagle's algorithm on unless asked (`noDelay: true`, " +
              "`ServerOptions.NoDelay`). These rows give node and NodeNet that one setting too, so every server sends with the same socket option. " +
              "A 64 KiB write is one full loopback segment and a small tail, and with Nagle on the tail waits for the peer's acknowledgement.");
md.AppendLine();
md.AppendLine("| workload | contender | figure | vs node, noDelay | vs bun |");
md.AppendLine("|---|---|---:|---:|---:|");
foreach (var w in workloads.Where(w => NoDelayWorkloads.Contains(w.Name)))
    foreach (string who in new[] { EventsNoDelay, PipeNoDelay, NodeNoDelay, "bun" }.Where(n => Runs(contenders.Single(c => c.Name == n))))
    {
        double v = Median(who, w.Name);
        bool mine = contenders.Single(c => c.Name == who).IsNodeNet;
        md.AppendLine($"| {w.Title} | {who} | {v:N0}{Range(who, w.Name, "N0")} {w.Unit} | {(mine ? Ratio(v, Median(NodeNoDelay, w.Name), false) : "")} | {(mine ? Ratio(v, Median("bun", w.Name), false) : "")} |");
    }
md.AppendLine();
md.AppendLine($"## Tail latency: {latency.Title} (µs, lower is better)");
md.AppendLine();
md.AppendLine("Open loop: each connection sends on a fixed schedule and a message's latency counts from when it was due, so a server that stalls is not hidden by the client waiting for it. The offered load is half of node's closed-loop ping-pong, the same for every contender.");
md.AppendLine();
md.AppendLine("| contender | p50 | p99 | p99.9 | achieved/s | p99 vs node | p99 vs bun |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var c in contenders.Where(c => headline.Contains(c.Name) && Runs(c)))
{
    double p99 = Median(c.Name, "latency50.p99_us");
    md.AppendLine($"| {c.Name} | {Median(c.Name, "latency50.p50_us"):N0} | {p99:N0}{Range(c.Name, "latency50.p99_us", "N0")} | {Median(c.Name, "latency50.p999_us"):N0} | {Median(c.Name, "latency50.ops_s"):N0} | " +
                  $"{(c.IsNodeNet ? Ratio(p99, Median("node", "latency50.p99_us"), true) : "")} | {(c.IsNodeNet ? Ratio(p99, Median("bun", "latency50.p99_us"), true) : "")} |");
}
md.AppendLine();
md.AppendLine($"## Per-connection cost: {idleConnections:N0} idle connections, then one 64 B message on each");
md.AppendLine();
md.AppendLine("The server's resident memory with every connection open and idle, over its own after a warm-up, divided by the connections; then each connection sends one message and the time until every echo arrived.");
md.AppendLine();
md.AppendLine("| contender | bytes per idle connection | echo on all (ms) | bytes vs node | bytes vs bun | echo vs node | echo vs bun |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var c in contenders.Where(c => headline.Contains(c.Name) && Runs(c)))
{
    double bytes = Median(c.Name, "idle.bytes"), ms = Median(c.Name, "idle.echo_ms");
    md.AppendLine($"| {c.Name} | {bytes:N0}{Range(c.Name, "idle.bytes", "N0")} | {ms:N0}{Range(c.Name, "idle.echo_ms", "N0")} | " +
                  $"{(c.IsNodeNet ? Ratio(bytes, Median("node", "idle.bytes"), true) : "")} | {(c.IsNodeNet ? Ratio(bytes, Median("bun", "idle.bytes"), true) : "")} | " +
                  $"{(c.IsNodeNet ? Ratio(ms, Median("node", "idle.echo_ms"), true) : "")} | {(c.IsNodeNet ? Ratio(ms, Median("bun", "idle.echo_ms"), true) : "")} |");
}
md.AppendLine();
md.AppendLine($"## Scaling across cores: one server on {cores} loops, against node cluster with {cores} workers");
md.AppendLine();
md.AppendLine($"This machine has {Environment.ProcessorCount} cores, shared with the load generator: {cores} loops compete with it for them, so these rows say what a small machine gets, not how far NodeNet scales. `--cores N` sets the loops and workers on a bigger machine.");
md.AppendLine();
md.AppendLine($"| workload | 1 loop | ×{cores} pass | ×{cores} reuseport | node | {clusterName} | pass vs 1 loop | reuseport vs 1 loop | pass vs cluster | reuseport vs cluster |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var w in workloads.Where(w => w.Name is "pingpong50" or "stream4" or "churn" or "unix50" && contenders.Where(c => multiCore.Contains(c.Name)).All(Runs)))
{
    double one = Median("NodeNet events", w.Name), pass = Median(passName, w.Name), rp = Median(reusePortName, w.Name);
    double node = Median("node", w.Name), cl = Median(clusterName, w.Name);
    md.AppendLine($"| {w.Title} ({w.Unit}) | {one:N0} | {pass:N0} | {rp:N0} | {node:N0} | {cl:N0} | {Ratio(pass, one, false)} | {Ratio(rp, one, false)} | {Ratio(pass, cl, false)} | {Ratio(rp, cl, false)} |");
}
if (evenness.Count > 0)
{
    md.AppendLine();
    md.AppendLine("Evenness: 1,000 connections made one after another; connections each loop (or worker) was given, and max ÷ min.");
    md.AppendLine();
    md.AppendLine("| server | per loop | max ÷ min |");
    md.AppendLine("|---|---|---:|");
    foreach (var (server, counts) in evenness)
        md.AppendLine($"| {server} | {string.Join(" / ", counts)} | {(counts.Min() == 0 ? "∞" : (counts.Max() / counts.Min()).ToString("F2", CultureInfo.InvariantCulture))} |");
}
md.AppendLine();
if (withHttp) md.Append(string.Join("\n", http.Select(h => h.Markdown())));
string table = md.ToString();
Console.WriteLine();
Console.WriteLine(table);
string results_dir = Path.Combine(root, "bench", "results");
Directory.CreateDirectory(results_dir);
string name = Arg("--out") ?? (quick ? "quick" : "latest");
File.WriteAllText(Path.Combine(results_dir, name + ".md"), table + $"\n![ratios]({name}.svg)\n");
File.WriteAllText(Path.Combine(results_dir, name + ".svg"), Chart());
Console.WriteLine($"wrote bench/results/{name}.md and {name}.svg in {clock.Elapsed:mm\\:ss}");
return failures == 0 ? 0 : 1;

string Chart()
{
    // Bars of NodeNet events / pipe relative to node (1× line), per workload.
    var names = workloads.Select(w => w.Name).Append("rss").ToList();
    const int W = 720, rowH = 46, left = 150, barH = 16;
    double max = 3;
    var svg = new StringBuilder();
    int h = 40 + names.Count * rowH + 30;
    svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">");
    svg.AppendLine($"<text x=\"10\" y=\"20\" font-size=\"14\">NodeNet relative to node (1× = node; right is better)</text>");
    double X(double r) => left + Math.Min(r, max) / max * (W - left - 60);
    svg.AppendLine($"<line x1=\"{X(1):F0}\" y1=\"30\" x2=\"{X(1):F0}\" y2=\"{h - 25}\" stroke=\"#888\" stroke-dasharray=\"4\"/>");
    for (int i = 0; i < names.Count; i++)
    {
        int y = 40 + i * rowH;
        svg.AppendLine($"<text x=\"10\" y=\"{y + 20}\">{names[i]}</text>");
        string[] who = ["NodeNet events", "NodeNet pipe"];
        for (int k = 0; k < who.Length; k++)
        {
            double v = Median(who[k], names[i]), node = Median("node", names[i]);
            double r = names[i] == "rss" ? node / v : v / node;
            if (double.IsNaN(r) || double.IsInfinity(r)) continue;
            int by = y + k * (barH + 2);
            svg.AppendLine($"<rect x=\"{left}\" y=\"{by}\" width=\"{X(r) - left:F0}\" height=\"{barH}\" fill=\"{(k == 0 ? "#3a7bd5" : "#2ca58d")}\"/>");
            svg.AppendLine($"<text x=\"{X(r) + 4:F0}\" y=\"{by + 12}\">{r:F2}× {(k == 0 ? "events" : "pipe")}</text>");
        }
    }
    svg.AppendLine($"<text x=\"{X(1) - 8:F0}\" y=\"{h - 10}\">1×</text></svg>");
    return svg.ToString();
}

string Machine()
{
    string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?";
    string mem = File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim();
    string V(string file, params string[] a)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var x in a) psi.ArgumentList.Add(x);
            using var p = Process.Start(psi)!;
            string o = p.StandardOutput.ReadToEnd().Trim().Split('\n')[0];
            p.WaitForExit();
            return o;
        }
        catch (Exception) { return "?"; }
    }
    return $"{Environment.ProcessorCount} cores ({cpu}), {mem} RAM, Linux {V("uname", "-r")}; " +
           $".NET {Environment.Version}, node {V("node", "--version")}, bun {V(Path.Combine(nodeModules, ".bin", "bun"), "--version")}, " +
           $"{V(Path.Combine(nodeModules, ".bin", "deno"), "--version")}, libuv {V("dotnet", Dll("bench/servers/NodeNetEcho", "NodeNetEcho"), "version", "-")}";
}

// The gen0 allocation budget of a .NET process with the runtime's defaults on this machine (the runner has them too): the
// memory that fresh 64 KiB arrays are spread over before a gen0 GC lets the allocator reuse it.
static long Gen0Budget()
{
    const int Chunk = 65536, Chunks = 16384; // 1 GiB allocated: enough gen0 GCs to average over
    int before = GC.CollectionCount(0);
    byte[]? last = null;
    for (int i = 0; i < Chunks; i++) last = GC.AllocateUninitializedArray<byte>(Chunk);
    GC.KeepAlive(last);
    return (long)Chunk * Chunks / Math.Max(1, GC.CollectionCount(0) - before);
}

static int FreePort()
{
    var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    l.Start();
    int p = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    l.Stop();
    return p;
}

string? Arg(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
