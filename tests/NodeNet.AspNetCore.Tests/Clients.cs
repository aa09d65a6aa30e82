using System.Diagnostics;

namespace NodeNet.AspNetCore.Tests;

/// <summary>Real HTTP clients from Debian's packages (curl, wrk, nghttp), run as processes with a deadline.</summary>
internal static class Clients
{
    public static async Task<(int code, string stdout, string stderr)> Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{program} is not installed: .ci/run installs it (apt-get install curl wrk nghttp2-client).");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(deadline.Token); }
            catch (OperationCanceledException) { process.Kill(true); throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish"); }
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
