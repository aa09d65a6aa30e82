using System.Diagnostics;
using NodeNet;
using NodeNet.Soak;

// ./build.sh --target=Soak [--full]: each phase adds figures; any figure that does not hold fails the run.
var scale = args.Contains("--full") ? Scale.Full : Scale.Short;
int i = Array.IndexOf(args, "--netload");
if (i >= 0) Proc.NetLoad = args[i + 1];
string? markdown = Array.IndexOf(args, "--markdown") is var m and >= 0 ? args[m + 1] : null;
string? only = Array.IndexOf(args, "--phase") is var o and >= 0 ? args[o + 1] : null; // one phase, while working on it

var figures = new Figures();
var total = Stopwatch.StartNew();
Console.WriteLine($"NodeNet soak ({scale.Name}): {Environment.ProcessorCount} cores, .NET {Environment.Version}, libuv {EventLoop.LibuvVersion}");
(string name, Action<Scale, Figures> run)[] phases =
[
    ("hold", Phases.Hold),
    ("churn", Phases.Churn),
    ("kill -9 and RST", Phases.Kill),
    ("slow reader", Phases.SlowReader),
    ("GC storm and races", Phases.Storm),
    ("cancellation", Phases.Cancel),
    ("hostile IPC peers", Phases.IpcAttack),
    ("loops dying under load", Phases.LoopDeaths),
    ("teardown", Phases.Teardown),
    ("API fuzzing", Phases.Fuzz),
];
foreach (var (name, run) in phases.Where(p => only == null || p.name == only))
{
    Console.WriteLine($"-- {name}");
    var sw = Stopwatch.StartNew();
    try { run(scale, figures); }
    catch (Exception e) { figures.Add(name, "completed", e.GetType().Name + ": " + e.Message, ok: false); }
    figures.Add(name, "seconds", sw.Elapsed.TotalSeconds);
}
figures.Add("all", "total seconds", total.Elapsed.TotalSeconds);
figures.Print(Console.Out);
if (markdown != null)
{
    using var w = new StreamWriter(markdown);
    w.WriteLine($"Soak ({scale.Name}) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/meminfo").First()}, .NET {Environment.Version}, libuv {EventLoop.LibuvVersion}");
    figures.Print(w);
}
Console.WriteLine(figures.AllHeld ? "soak: every figure held" : "soak: FAILED");
return figures.AllHeld ? 0 : 1;
