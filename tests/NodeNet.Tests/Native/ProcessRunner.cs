using System.Diagnostics;

namespace NodeNet.Tests;

internal static class ProcessRunner
{
    /// <summary>Runs a program to completion within a deadline; returns exit code and both outputs.</summary>
    public static (int code, string stdout, string stderr) Run(string file, IEnumerable<string> args, int timeoutMs = 60_000,
        string? workingDirectory = null, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        if (workingDirectory != null) psi.WorkingDirectory = workingDirectory;
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeoutMs} ms");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts <paramref name="file"/> with SIGINT at its default disposition, for tests that stop it with SIGINT.
    /// A test host started in the background by a non-interactive shell (<c>./build.sh --target=Test &amp;</c>, nohup) has
    /// SIGINT ignored, children inherit that, and .NET rightly leaves an ignored-at-start SIGINT ignored; coreutils' env
    /// resets it and execs, so the process id stays the one the test signals.</summary>
    public static ProcessStartInfo WithDefaultSigint(string file)
    {
        var psi = new ProcessStartInfo("env") { UseShellExecute = false };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add(file);
        return psi;
    }

    public static string CCompiler => Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc ? cc : "cc";
}
