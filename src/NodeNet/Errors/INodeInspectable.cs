namespace NodeNet;

/// <summary>A value Node's error messages show as util.inspect does (the options records): each says what it holds, so
/// the errors need not know the types above them.</summary>
internal interface INodeInspectable
{
    string Inspect();
}

/// <summary>util.inspect of an object, built a property at a time: only the properties that were set, in JS style
/// (<c>{ host: 'x', port: 80 }</c>). By hand rather than by reflection, so trimmed and AOT builds print the same.</summary>
internal sealed class InspectedProperties
{
    private readonly List<string> _parts = [];

    public InspectedProperties Add(string name, object? value, object? unset = null)
    {
        if (value != null && !Equals(value, unset)) _parts.Add($"{name}: {NodeErrors.Inspect(value)}");
        return this;
    }

    public override string ToString() => _parts.Count == 0 ? "{}" : "{ " + string.Join(", ", _parts) + " }";
}
