namespace NodeNet.Soak;

/// <summary>The table the suite prints: one row per figure, with whether it held.</summary>
internal sealed class Figures
{
    private readonly List<(string phase, string figure, string value, bool ok)> _rows = [];

    public bool AllHeld => _rows.All(r => r.ok);

    public void Add(string phase, string figure, object value, bool ok = true)
    {
        string shown = value switch { double d => d.ToString("0.0"), long or int => $"{value:N0}", _ => value.ToString()! };
        _rows.Add((phase, figure, shown, ok));
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {phase}: {figure} = {shown}");
    }

    public void Check(string phase, string figure, bool held) => Add(phase, figure, held ? "yes" : "no", held);

    public void Print(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine("| phase | figure | value | |");
        w.WriteLine("|---|---|---:|---|");
        foreach (var (phase, figure, value, ok) in _rows) w.WriteLine($"| {phase} | {figure} | {value} | {(ok ? "ok" : "**FAIL**")} |");
    }
}
