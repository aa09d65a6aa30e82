namespace NodeNet;

/// <summary>A built-in event: its name and, for each argument position, the types that argument can have.</summary>
internal sealed class EventSignature(string name, params Type[][] arguments)
{
    public string Name { get; } = name;
    public Type[][] Arguments { get; } = arguments;

    /// <summary>Why a listener taking <paramref name="parameters"/> can never receive this event's arguments; null if it can.</summary>
    public string? Mismatch(Type[] parameters)
    {
        if (parameters.Length > Arguments.Length)
            return $"'{Name}' passes {Arguments.Length} argument{(Arguments.Length == 1 ? "" : "s")}, but the listener takes {parameters.Length}";
        for (int i = 0; i < parameters.Length; i++)
        {
            Type p = parameters[i];
            if (Arguments[i].Any(a => p.IsAssignableFrom(a))) continue;
            string can = string.Join(" or ", Arguments[i].Select(a => a.Name));
            return $"'{Name}' passes {can} as argument {i + 1}, but the listener takes {p.Name}";
        }
        return null;
    }
}
