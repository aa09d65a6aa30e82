namespace Bench;

/// <summary>The lean runtime settings, as the bench's tuned NodeNet rows run them. The same values ship in
/// NodeNet.Lean.props (the package's opt-in NodeNetLeanRuntime) and the samples' project files; docs/lean-runtime.md
/// says what each one does and what it was measured to change.</summary>
internal static class Lean
{
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_GCgen0size"] = "0x200000",
        ["DOTNET_GCConserveMemory"] = "5",
        ["DOTNET_TieredPGO"] = "0",
    };
}
