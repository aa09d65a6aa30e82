// NodeNet build: Native (libuv per RID), Build, Test, Demo (the echo sample end to end), Soak, Bench, Pack,
// and the platform runs (TestPlatforms: TestWindows under Wine, TestArm64 under qemu, TestMusl). Run through ./build.sh,
// which restores Cake from the tool manifest.
#load "native/native.cake"
#load "tests/NodeNet.PlatformTests/platforms.cake"
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var root = MakeAbsolute(Directory("./")).FullPath;
var rid = RuntimeInformation.RuntimeIdentifier;
var artifacts = $"{root}/artifacts";
const uint MinimumVersion = (1u << 16) | (44u << 8);

/// <summary>Runs a program; quiet captures its output and prints it only if it fails.</summary>
int Run(string file, string args, string workingDirectory = null, bool quiet = false, IDictionary<string, string> env = null)
{
    var psi = new ProcessStartInfo(file, args) { UseShellExecute = false, WorkingDirectory = workingDirectory ?? root };
    if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
    if (quiet) { psi.RedirectStandardOutput = true; psi.RedirectStandardError = true; }
    using var p = Process.Start(psi);
    var output = quiet ? p.StandardOutput.ReadToEndAsync() : null;
    var errors = quiet ? p.StandardError.ReadToEndAsync() : null;
    p.WaitForExit();
    if (quiet && p.ExitCode != 0) Console.Error.WriteLine($"{file} {args}:\n{output.Result}{errors.Result}");
    return p.ExitCode;
}

string Capture(string file, string args)
{
    var psi = new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    try
    {
        using var p = Process.Start(psi);
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : "";
    }
    catch (System.ComponentModel.Win32Exception) { return ""; } // the program is not installed
}

void Must(int code, string what) { if (code != 0) throw new Exception($"{what} failed with exit code {code}"); }

[UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate uint UvVersionFn();

uint LibuvVersion(string path)
{
    var lib = NativeLibrary.Load(path);
    try { return Marshal.GetDelegateForFunctionPointer<UvVersionFn>(NativeLibrary.GetExport(lib, "uv_version"))(); }
    finally { NativeLibrary.Free(lib); }
}

string VersionText(uint v) => $"{v >> 16}.{(v >> 8) & 0xff}.{v & 0xff}";

/// <summary>--libuv=system: stage the platform's libuv.so.1 (package libuv1-dev) for this machine's RID instead.</summary>
void StageSystemLibuv()
{
    if (!IsRunningOnLinux()) throw new Exception("--libuv=system is for Linux; elsewhere the Native task builds libuv from source.");
    // ldconfig knows the platform's shared libraries; its line reads "libuv.so.1 (libc6,x86-64) => /path".
    string Find() => Regex.Match(Capture("/sbin/ldconfig", "-p"), @"libuv\.so\.1 \([^)]*\) => (\S+)") is { Success: true } m ? m.Groups[1].Value : null;
    if (Find() == null || !System.IO.File.Exists("/usr/include/uv.h")) EnsurePackages("libuv1-dev", "--libuv=system");
    string lib = Find() ?? throw new Exception("libuv1 is still not found after installing it; check `ldconfig -p | grep libuv`.");
    var real = new System.IO.FileInfo(lib).ResolveLinkTarget(true)?.FullName ?? lib;
    uint version = LibuvVersion(real);
    if (version < MinimumVersion)
        throw new Exception($"{real} is libuv {VersionText(version)}; NodeNet needs 1.44 or newer (package libuv1-dev on Debian 12 / Ubuntu 22.04 or newer).");
    string stage = $"{root}/runtimes/{rid}/native";
    System.IO.Directory.CreateDirectory(stage);
    System.IO.File.Copy(real, $"{stage}/libuv.so.1", overwrite: true);
    MarkStaged($"{stage}/libuv.so.1");
    Information($"libuv {VersionText(version)} from {real} staged as {stage}/libuv.so.1");
}

/// <summary>A staged library is newer than any copy a build made before: the build copies runtimes/ to its output only
/// when the source is newer, and the system's libuv (or a cached build) keeps its old timestamp through File.Copy.</summary>
void MarkStaged(string path) => System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow);

bool SystemLibuvRequested() => Argument("libuv", "source") == "system";

Task("Native")
    .Description("Builds libuv from the pinned source for --rids (default: this machine's; all: linux-x64, linux-arm64, linux-musl-x64, win-x64) into runtimes/<rid>/native; --libuv=system stages the platform's instead")
    .Does(() =>
{
    if (SystemLibuvRequested()) { StageSystemLibuv(); return; }
    // The package carries every RID (and the platform runs test the package); other targets need this machine's only.
    bool packs = target is "Pack" or "TestWindows" or "TestArm64" or "TestPlatforms";
    foreach (string r in RequestedRids(packs ? "all" : rid)) BuildNative(r);
});

Task("Build")
    .IsDependentOn("Native")
    .Does(() => Must(Run("dotnet", $"build interop.sln -c {configuration} -nologo -v:q -p:ContinuousIntegrationBuild=true"), "dotnet build"));

Task("Test")
    .Description("Runs the whole test suite (ABI probe, loop, Node parity and conformance against node)")
    .IsDependentOn("Build")
    .Does(() =>
{
    string results = $"{artifacts}/test-results";
    if (System.IO.Directory.Exists(results)) System.IO.Directory.Delete(results, true);
    // The signature check reads uv.h with clang for every target the package carries, which needs their C headers.
    if (!OnPath("clang") || !System.IO.File.Exists("/usr/aarch64-linux-gnu/include/stdio.h") ||
        !System.IO.File.Exists("/usr/x86_64-w64-mingw32/include/windows.h") || !System.IO.File.Exists("/usr/include/x86_64-linux-musl/stdio.h"))
        EnsurePackages("clang libc6-dev-arm64-cross gcc-aarch64-linux-gnu mingw-w64-x86-64-dev musl-dev", "checking the bindings against uv.h for each target");
    // ASP.NET Core over NodeNet is tested with real HTTP clients.
    if (!OnPath("curl") || !OnPath("wrk") || !OnPath("nghttp"))
        EnsurePackages("curl wrk nghttp2-client", "the Kestrel transport tests (curl, wrk, nghttp)");
    // What node does with setsockopt is read with strace (tests/NodeNet.Tests/Net/Node24/KeepAliveTests.cs).
    if (!OnPath("strace")) EnsurePackages("strace", "comparing setKeepAlive's socket options with node's");
    // The judge: node 26 and node 24 from the npm registry (tests/NodeNet.Tests/NodeReference.cs pins them).
    FetchReferenceNodes();
    // The ABI probe compiles against the header the staged library was built from.
    var env = new Dictionary<string, string>();
    if (!SystemLibuvRequested() && string.IsNullOrEmpty(EnvironmentVariable("LIBUV_INCLUDE_DIR"))) env["LIBUV_INCLUDE_DIR"] = PinnedLibuvInclude();
    int code = Run("dotnet", $"test interop.sln -c {configuration} --no-build -nologo --blame-hang-timeout 5m " +
        $"--logger \"trx;LogFilePrefix=tests\" --logger \"console;verbosity=normal\" --results-directory \"{results}\"", env: env);
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in System.IO.Directory.GetFiles(results, "*.trx", System.IO.SearchOption.AllDirectories))
    {
        string text = System.IO.File.ReadAllText(trx);
        // Only test results: the run's own <ResultSummary outcome="Failed"> is not a test.
        passed += Regex.Matches(text, "<UnitTestResult [^>]*outcome=\"Passed\"").Count;
        failed += Regex.Matches(text, "<UnitTestResult [^>]*outcome=\"Failed\"").Count;
        skipped += Regex.Matches(text, "<UnitTestResult [^>]*outcome=\"NotExecuted\"").Count;
    }
    // The plain closing line CI reads.
    Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
    if (code != 0 || failed > 0 || passed == 0) throw new Exception($"tests failed (dotnet test exit code {code})");
});

// The Demo builds only what it runs: this machine's libuv (Native) and samples/Echo with its project reference
// (src/NodeNet), not the solution's tests, bench and other samples. .ci/run checks the dry run's task list.
const string DemoProject = "samples/Echo/Echo.csproj";

Task("Demo")
    .Description("Builds samples/Echo alone, runs it, round-trips 16 MiB on each of 20 connections through it, then stops it with SIGTERM")
    .IsDependentOn("Native")
    .Does(() =>
{
    // The same properties as the Build task, so neither build makes the other recompile src/NodeNet.
    Must(Run("dotnet", $"build {DemoProject} -c {configuration} -nologo -v:q -p:ContinuousIntegrationBuild=true"), "dotnet build samples/Echo");
    string echo = $"{root}/samples/Echo/bin/{configuration}/net10.0/Echo.dll";
    var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
    psi.ArgumentList.Add(echo);
    psi.ArgumentList.Add("0"); // any free port
    using var server = Process.Start(psi);
    string line = server.StandardOutput.ReadLine() ?? throw new Exception("the echo server exited before listening");
    Information($"server: {line}");
    var port = Regex.Match(line, @"listening on .*:(\d+)$").Groups[1].Value;
    if (port == "") throw new Exception("unexpected first line from the echo server: " + line);
    var rest = server.StandardOutput.ReadToEndAsync();
    try
    {
        Must(Run("dotnet", $"\"{echo}\" --check {port} --connections 20 --megabytes 16"), "echo round trip");
    }
    finally
    {
        Run("kill", $"-TERM {server.Id}");
        if (!server.WaitForExit(10_000)) { server.Kill(); throw new Exception("the echo server did not stop on SIGTERM"); }
    }
    Information("server: " + rest.Result.Trim());
    if (server.ExitCode != 0) throw new Exception($"the echo server exited with {server.ExitCode}");
});

void BuildNetLoad()
{
    System.IO.Directory.CreateDirectory($"{root}/bench/bin");
    Must(Run("cc", "-O2 -o bench/bin/netload bench/netload.c"), "compiling bench/netload.c");
}

/// <summary>The raw C libuv echo (the benchmark's ceiling), built against the libuv NodeNet packs for this machine.</summary>
void BuildCeiling()
{
    string lib = $"{BuildNative(rid)}/out";
    Must(Run("cc", $"-O2 -I\"{PinnedLibuvInclude()}\" -o bench/bin/uv_echo_try bench/servers/uv_echo_try.c \"{lib}/libuv.so.1\" -Wl,-rpath,\"{lib}\""),
        "compiling bench/servers/uv_echo_try.c");
}

void BuildHttpLoad()
{
    System.IO.Directory.CreateDirectory($"{root}/bench/bin");
    Must(Run("cc", "-O2 -o bench/bin/httpload bench/httpload.c"), "compiling bench/httpload.c");
}

Task("Bench")
    .Description("Benchmarks NodeNet against node, bun, deno and System.Net.Sockets, and Kestrel on NodeNet against Kestrel on Sockets over HTTP/1.1, h2c and a Unix socket (--quick: a one-minute smoke run; --http-only: just the HTTP rows, into bench/results/http.md; --no-http: without them)")
    .IsDependentOn("Build")
    .Does(() =>
{
    BuildNetLoad();
    BuildCeiling();
    BuildHttpLoad(); // HTTP over a Unix socket: wrk and h2load dial TCP only
    EnsureTool("wrk", "wrk", "the HTTP benchmark (Kestrel on NodeNet against Kestrel on Sockets)");
    EnsureTool("h2load", "nghttp2-client", "the HTTP/2 benchmark (h2c through Kestrel)");
    // Bun and Deno ship their binaries inside their npm packages; install them next to the bench.
    Must(Run("npm", "install --no-audit --no-fund --loglevel=error", workingDirectory: $"{root}/bench"), "npm install (bun, deno)");
    string extra = HasArgument("quick") ? " --quick" : "";
    if (HasArgument("rounds")) extra += $" --rounds {Argument<int>("rounds")}";
    if (HasArgument("seconds")) extra += $" --seconds {Argument<int>("seconds")}";
    if (HasArgument("only")) extra += $" --only \"{Argument<string>("only")}\"";
    if (HasArgument("out")) extra += $" --out {Argument<string>("out")}";
    if (HasArgument("no-http")) extra += " --no-http";
    if (HasArgument("http-only")) extra += " --http-only";
    // The node contender is the reference node 26 (the LTS users run), first on the PATH the runner sees.
    string node = FetchReferenceNodes();
    var env = new Dictionary<string, string> { ["PATH"] = $"{System.IO.Path.GetDirectoryName(node)}:{EnvironmentVariable("PATH")}" };
    Must(Run("dotnet", $"bench/Runner/bin/{configuration}/net10.0/Runner.dll --root \"{root}\" --configuration {configuration}{extra}", env: env), "benchmark");
});

Task("Soak")
    .Description("The soak and fault suite: held connections, churn, killed and resetting peers, a slow reader, GC storms, races, cancellation, hostile IPC peers, loops dying under load, teardown mid-flight, API fuzzing (about 45 s; --full: about five minutes, figures into tests/NodeNet.Soak/results/latest.md)")
    .IsDependentOn("Build")
    .Does(() =>
{
    BuildNetLoad();
    bool full = HasArgument("full");
    string results = full ? $"{root}/tests/NodeNet.Soak/results/latest.md" : $"{root}/artifacts/soak-short.md";
    System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(results));
    Must(Run("dotnet", $"tests/NodeNet.Soak/bin/{configuration}/net10.0/NodeNet.Soak.dll --netload bench/bin/netload --markdown \"{results}\"{(full ? " --full" : "")}"), "soak");
});

/// <summary>The packages' version: --package-version=X or NODENET_PACKAGE_VERSION for a release; otherwise the
/// Directory.Build.props version with a unique prerelease suffix (0.1.0-local.20261205131500.g1a2b3c4d: UTC time, commit),
/// since every local Pack writing 0.1.0 let a NuGet cache hand a consumer an earlier build of that version.</summary>
string PackageVersion()
{
    string given = Argument("package-version", EnvironmentVariable("NODENET_PACKAGE_VERSION") ?? "");
    if (given != "") return given;
    string props = System.IO.File.ReadAllText($"{root}/Directory.Build.props");
    string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
    // "g" keeps the commit an alphanumeric identifier: SemVer forbids a numeric one with a leading zero.
    string commit = Capture("git", $"-C \"{root}\" rev-parse --short=8 HEAD").Trim();
    return $"{version}-local.{DateTime.UtcNow:yyyyMMddHHmmss}{(commit != "" ? ".g" + commit : "")}";
}

Task("Pack")
    .Description("Packs NodeNet (with libuv for every RID it carries: Native builds all four for this target), NodeNet.Hosting and NodeNet.AspNetCore; version: --package-version or NODENET_PACKAGE_VERSION, else a unique 0.1.0-local.* prerelease")
    .IsDependentOn("Build")
    .Does(() =>
{
    if (System.IO.Directory.Exists(artifacts))
        foreach (string old in System.IO.Directory.GetFiles(artifacts, "NodeNet*.*nupkg")) System.IO.File.Delete(old);
    // PackageVersion names the packages and their dependencies on each other, and leaves the built assemblies alone.
    string version = PackageVersion();
    Information($"package version {version}");
    foreach (string project in new[] { "NodeNet", "NodeNet.Hosting", "NodeNet.AspNetCore" })
        Must(Run("dotnet", $"pack src/{project}/{project}.csproj -c {configuration} --no-build -o \"{artifacts}\" -nologo -p:PackageVersion={version}"), $"dotnet pack {project}");
    string package = System.IO.Directory.GetFiles(artifacts, "NodeNet.*.nupkg").Single(f => Regex.IsMatch(System.IO.Path.GetFileName(f), @"^NodeNet\.\d.*\.nupkg$"));
    using var zip = System.IO.Compression.ZipFile.OpenRead(package);
    var natives = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("runtimes/")).OrderBy(n => n).ToList();
    foreach (string n in natives) Information($"  {package.Substring(artifacts.Length + 1)}: {n}");
    var missing = PackageRids.Where(r => !natives.Contains($"runtimes/{r}/native/{NativeFileName(r)}")).ToList();
    if (missing.Count > 0 && !SystemLibuvRequested()) throw new Exception($"the package lacks libuv for {string.Join(", ", missing)}");
    foreach (string written in System.IO.Directory.GetFiles(artifacts, "NodeNet*.nupkg").OrderBy(f => f)) Information($"  {System.IO.Path.GetFileName(written)}");
});

RunTarget(target);
