using NodeNet.PlatformTests;

// NodeNet.PlatformTests [--smoke] [--abi probe-output.txt] [--conformance traces-dir] [--only name,name]: one line per check, then a summary.
// Exit code 0 only if no check failed; a check that Wine cannot run reports why, and is counted apart.
bool smoke = args.Contains("--smoke");
string? abi = Array.IndexOf(args, "--abi") is var a and >= 0 ? args[a + 1] : null;
string? only = Array.IndexOf(args, "--only") is var o and >= 0 ? args[o + 1] : null;
string? conformance = Array.IndexOf(args, "--conformance") is var c and >= 0 ? args[c + 1] : null;
NodeNet.NodeNetLogging.LoggerFactory = new ConsoleErrors();
var report = new Report();
Console.WriteLine($"NodeNet platform checks on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}" +
    (Wine.Version is { } w ? $" (Wine {w})" : "") + $", libuv {NodeNet.EventLoop.LibuvVersion} from {NodeNet.EventLoop.NativeLibraryPath}");
if (abi != null) report.Run("abi-matches-uv.h", () => AbiCheck.Compare(abi));
foreach (var check in Checks.All(smoke).Concat(conformance != null ? Conformance.From(conformance) : []))
    if (only == null || only.Split(',').Contains(check.Name)) await report.RunAsync(check.Name, check.Body);
return report.Summarize();
