using NodeNet.Native;
using Xunit;

namespace NodeNet.Tests.Native;

/// <summary>The hand-written bindings against uv.h: native/abi/abi_probe.c is compiled with the machine's C compiler.</summary>
public class AbiProbeTests
{
    [Fact]
    public void Every_binding_constant_and_size_matches_uv_h()
    {
        string dir = TestLoop.TempDir();
        string exe = Path.Combine(dir, "abi_probe");
        var args = new List<string> { "-o", exe, Path.Combine(TestLoop.RepoRoot, "native", "abi", "abi_probe.c") };
        if (Environment.GetEnvironmentVariable("LIBUV_INCLUDE_DIR") is { Length: > 0 } inc) args.Insert(0, "-I" + inc);
        var (code, _, err) = ProcessRunner.Run(ProcessRunner.CCompiler, args);
        Assert.True(code == 0, "compiling the ABI probe failed (is libuv1-dev installed?):\n" + err);

        var (runCode, output, _) = ProcessRunner.Run(exe, []);
        Assert.Equal(0, runCode);
        var header = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => long.Parse(p[1]));
        var managed = Abi.Describe();

        var differences = new List<string>();
        foreach (var (key, value) in header)
        {
            if (!managed.TryGetValue(key, out long mine)) differences.Add($"{key}: uv.h has {value}, the bindings have nothing");
            else if (mine != value) differences.Add($"{key}: uv.h has {value}, the bindings have {mine}");
        }
        foreach (var key in managed.Keys.Except(header.Keys)) differences.Add($"{key}: the bindings have {managed[key]}, uv.h has nothing");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(header.Count > 100, "the probe printed too little: " + header.Count);
        Assert.Contains("err.UV_EADDRINUSE", header.Keys);
        Assert.Contains("size.handle.UV_TCP", header.Keys);
        Directory.Delete(dir, true);
    }
}
