namespace Bench;

/// <summary>The lean runtime settings, as the bench's lean NodeNet rows run them: those of the package's opt-in
/// buildTransitive/NodeNet.props (NodeNetLeanRuntime, which the samples use); docs/lean-runtime.md says what each does
/// and what it was measured to change.</summary>
internal static class Lean
{
    /// <summary>The props' three settings as environment variables (the same runtime knobs), plus the one no project file
    /// can set in .NET 10: the gen0 budget, which otherwise follows the CPU's cache size.</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_GCgen0size"] = "0x200000",
    };
}
