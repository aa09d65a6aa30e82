namespace NodeNet.TestHost;

internal static class Scenarios
{
    public static readonly Dictionary<string, Func<string[], int>> All = new()
    {
        ["emfile"] = DescriptorLimit.Run,
    };
}
