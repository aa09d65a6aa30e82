namespace NodeNet.PlatformTests;

/// <summary>native/abi/abi_probe.c, compiled for this platform and run here, against the bindings' own view of the ABI.</summary>
internal static class AbiCheck
{
    public static void Compare(string probeOutput)
    {
        var header = File.ReadAllLines(probeOutput).Where(l => l.Contains('=')).Select(l => l.Trim().Split('=', 2))
            .ToDictionary(p => p[0], p => long.Parse(p[1]));
        var managed = NodeNet.Native.Abi.Describe();
        var differences = header.Where(kv => !managed.TryGetValue(kv.Key, out long v) || v != kv.Value)
            .Select(kv => $"{kv.Key}: uv.h {kv.Value}, bindings {(managed.TryGetValue(kv.Key, out long v) ? v : "none")}")
            .Concat(managed.Keys.Except(header.Keys).Select(k => $"{k}: bindings {managed[k]}, uv.h none")).ToList();
        if (header.Count < 100) throw new CheckFailed($"the probe printed {header.Count} lines");
        if (differences.Count > 0) throw new CheckFailed(string.Join("; ", differences));
        Console.WriteLine($"        {header.Count} sizes, offsets, enums and error codes agree");
    }
}
