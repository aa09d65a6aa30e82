// NodeNet build: Native (stage libuv), Build, Test, Demo (the echo sample end to end), Pack.
// Run through ./build.sh, which restores Cake from the tool manifest.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var root = MakeAbsolute(Directory("./")).FullPath;
var rid = RuntimeInformation.RuntimeIdentifier;
var stageDir = $"{root}/runtimes/{rid}/native";
var artifacts = $"{root}/artifacts";
const uint MinimumVersion = (1u << 16) | (44u << 8);

int Run(string file, string args, string workingDirectory = null, bool quiet = false)
{
    var psi = new ProcessStartInfo(file, args) { UseShellExecute = false, WorkingDirectory = workingDirectory ?? root };
    if (quiet) { psi.RedirectStandardOutput = true; psi.RedirectStandardError = true; }
    using var p = Process.Start(psi);
    if (quiet) { p.StandardOutput.ReadToEndAsync(); p.StandardError.ReadToEndAsync(); }
    p.WaitForExit();
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

string SystemLibuv()
{
    // ldconfig knows the platform's shared libraries; its line reads "libuv.so.1 (libc6,x86-64) => /path".
    var m = Regex.Match(Capture("/sbin/ldconfig", "-p"), @"libuv\.so\.1 \([^)]*\) => (\S+)");
    return m.Success ? m.Groups[1].Value : null;
}

bool HaveHeader() => System.IO.File.Exists("/usr/include/uv.h") || System.IO.File.Exists("/usr/local/include/uv.h")
    || !string.IsNullOrEmpty(EnvironmentVariable("LIBUV_INCLUDE_DIR"));

void InstallLibuvDev()
{
    bool root = Capture("id", "-u").Trim() == "0";
    bool apt = System.IO.File.Exists("/usr/bin/apt-get");
    if (!root || !apt)
        throw new Exception("libuv 1.44 or newer with its header is needed: install the package libuv1-dev " +
            "(Debian/Ubuntu: sudo apt-get install libuv1-dev), or set LIBUV_SOURCE_DIR to a libuv source tree to build it with native/CMakeLists.txt.");
    Information("Installing libuv1-dev with apt-get...");
    Must(Run("apt-get", "update -qq", quiet: true), "apt-get update");
    Must(Run("apt-get", "install -y -qq --no-install-recommends libuv1-dev", quiet: true), "apt-get install libuv1-dev");
}

Task("Native")
    .Description("Builds libuv from LIBUV_SOURCE_DIR, or locates the platform's, and stages it into runtimes/<rid>/native")
    .Does(() =>
{
    string source = EnvironmentVariable("LIBUV_SOURCE_DIR");
    string lib;
    if (!string.IsNullOrEmpty(source))
    {
        Must(Run("cmake", $"-S native -B native/build -DCMAKE_BUILD_TYPE=Release -DLIBUV_SOURCE_DIR=\"{source}\""), "cmake configure");
        Must(Run("cmake", "--build native/build --parallel"), "cmake build");
        lib = System.IO.Directory.GetFiles($"{root}/native/build", "libuv.so.1", System.IO.SearchOption.AllDirectories).FirstOrDefault()
            ?? System.IO.Directory.GetFiles($"{root}/native/build", "libuv*.dylib", System.IO.SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new Exception("the CMake build produced no libuv shared library");
    }
    else
    {
        if (!IsRunningOnLinux())
            throw new Exception("Outside Linux, set LIBUV_SOURCE_DIR to a libuv source tree (see README, Native library).");
        lib = SystemLibuv();
        if (lib == null || !HaveHeader()) { InstallLibuvDev(); lib = SystemLibuv(); }
        if (lib == null) throw new Exception("libuv1 is still not found after installing it; check `ldconfig -p | grep libuv`.");
    }
    var real = new System.IO.FileInfo(lib).ResolveLinkTarget(true)?.FullName ?? lib;
    uint version = LibuvVersion(real);
    if (version < MinimumVersion)
        throw new Exception($"{real} is libuv {VersionText(version)}; NodeNet needs 1.44 or newer (package libuv1-dev on Debian 12 / Ubuntu 22.04 or newer).");
    System.IO.Directory.CreateDirectory(stageDir);
    string staged = $"{stageDir}/{(IsRunningOnMacOs() ? "libuv.dylib" : "libuv.so.1")}";
    System.IO.File.Copy(real, staged, overwrite: true);
    Information($"libuv {VersionText(version)} from {real} staged as {staged}");
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
    int code = Run("dotnet", $"test interop.sln -c {configuration} --no-build -nologo --blame-hang-timeout 5m " +
        $"--logger \"trx;LogFileName=tests.trx\" --logger \"console;verbosity=normal\" --results-directory \"{results}\"");
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

Task("Demo")
    .Description("Runs samples/Echo, round-trips 16 MiB on each of 20 connections through it, then stops it with SIGTERM")
    .IsDependentOn("Build")
    .Does(() =>
{
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

Task("Bench")
    .Description("Benchmarks NodeNet against node, bun, deno and System.Net.Sockets (--quick: a one-minute smoke run)")
    .IsDependentOn("Build")
    .Does(() =>
{
    BuildNetLoad();
    // Bun and Deno ship their binaries inside their npm packages; install them next to the bench.
    Must(Run("npm", "install --no-audit --no-fund --loglevel=error", workingDirectory: $"{root}/bench"), "npm install (bun, deno)");
    string extra = HasArgument("quick") ? " --quick" : "";
    if (HasArgument("rounds")) extra += $" --rounds {Argument<int>("rounds")}";
    if (HasArgument("seconds")) extra += $" --seconds {Argument<int>("seconds")}";
    Must(Run("dotnet", $"bench/Runner/bin/{configuration}/net10.0/Runner.dll --root \"{root}\" --configuration {configuration}{extra}"), "benchmark");
});

Task("Soak")
    .Description("The soak and fault suite: held connections, churn, killed and resetting peers, a slow reader, GC storms, races, cancellation (--full: about five minutes, figures into tests/NodeNet.Soak/results/latest.md)")
    .IsDependentOn("Build")
    .Does(() =>
{
    BuildNetLoad();
    bool full = HasArgument("full");
    string results = full ? $"{root}/tests/NodeNet.Soak/results/latest.md" : $"{root}/artifacts/soak-short.md";
    System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(results));
    Must(Run("dotnet", $"tests/NodeNet.Soak/bin/{configuration}/net10.0/NodeNet.Soak.dll --netload bench/bin/netload --markdown \"{results}\"{(full ? " --full" : "")}"), "soak");
});

Task("Pack")
    .IsDependentOn("Build")
    .Does(() => Must(Run("dotnet", $"pack src/NodeNet/NodeNet.csproj -c {configuration} --no-build -o \"{artifacts}\" -nologo"), "dotnet pack"));

RunTarget(target);
