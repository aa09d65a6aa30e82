namespace NodeNet;

/// <summary>An emitter's built-in events, by name.</summary>
internal sealed class EventSignatures(params EventSignature[] events)
{
    private readonly Dictionary<string, EventSignature> _byName = events.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public EventSignature? Find(string name) => _byName.GetValueOrDefault(name);
}
