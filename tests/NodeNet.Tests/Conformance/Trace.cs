using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Json;

namespace NodeNet.Tests.Conformance;

/// <summary>The C# twin of scenarios/_harness.js: one JSON array per line, ports registered with "#port".</summary>
public sealed class Trace
{
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The scenario's directory for socket paths (SCENARIO_TMP on the node side).</summary>
    public string Tmp { get; init; } = "";

    public static string Mode(string path) => OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);

    public void T(params object?[] items) => _lines.Add(JsonSerializer.Serialize(items, Json));

    public int Port(int p) { T("#port", p); return p; }

    /// <summary>Same keys, same order as the JS err(): name, code, message, then errno/syscall/address/port when present.</summary>
    public static object? Err(Exception? e)
    {
        if (e == null) return null;
        if (e is not INodeError n) return new Dictionary<string, object?> { ["name"] = e.GetType().Name, ["message"] = e.Message };
        var o = new Dictionary<string, object?> { ["name"] = n.Name, ["code"] = n.Code, ["message"] = n.Message };
        if (n.Errno != null) o["errno"] = n.Errno;
        if (n.Syscall != null) o["syscall"] = n.Syscall;
        if (n.Address != null || n.Syscall == "listen" && n.Errno != null) o["address"] = n.Address;
        if (n.Port != null) o["port"] = n.Port;
        return o;
    }

    public static object? Addr(AddressInfo? a) =>
        a == null ? null : a.IsPipe ? a.Address : new Dictionary<string, object?> { ["address"] = a.Address, ["family"] = a.Family, ["port"] = a.Port };

    public void TryDo(string label, Action f)
    {
        try { f(); T(label, "ok"); }
        catch (Exception e) { T(label, Err(e)); }
    }

    /// <summary>Listens on 127.0.0.1 and a random port, then calls back with the registered port.</summary>
    public void Listen(Server s, Action<int> cb) => s.Listen(0, "127.0.0.1", () => cb(Port(s.Address()!.Port)));

    /// <summary>Names ports by registration order and re-serialises every line the same way. Every registration gets a
    /// new name, so a port number the OS hands out twice on one side only still lines up with the other side.</summary>
    public static List<string> Normalize(IEnumerable<string> lines)
    {
        var names = new Dictionary<string, string>();
        int registered = 0;
        var result = new List<string>();
        foreach (string raw in lines)
        {
            var node = JsonNode.Parse(raw)!.AsArray();
            string line = node.ToJsonString(Json);
            if (node.Count == 2 && (string?)node[0] == "#port")
            {
                names[node[1]!.ToJsonString()] = "PORT" + ++registered;
                continue;
            }
            foreach (var (port, name) in names) line = Regex.Replace(line, $@"(?<![0-9]){port}(?![0-9])", name);
            result.Add(line);
        }
        return result;
    }
}
