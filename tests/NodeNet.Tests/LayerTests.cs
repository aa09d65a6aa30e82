using System.Text.RegularExpressions;
using Xunit;

namespace NodeNet.Tests;

/// <summary>docs/architecture.md's rule that dependencies point down, checked on the source: a file in a room names no
/// type declared in a room below it. A partial part (Ipc/Socket.Ipc.cs) is code of its type, so it may name what its
/// type's own room may.</summary>
public class LayerTests
{
    // Bottom up, as in docs/architecture.md: each room may use the rooms before it in this list.
    private static readonly string[] Rooms =
        ["Native", "Errors", "Diagnostics", "Uv", "Loop", "Events", "Streams", "Ipc", "MultiLoop", "Net", "DotNet"];

    private static string Src => Path.Combine(TestLoop.RepoRoot, "src", "NodeNet");

    private static readonly Regex Declaration = new(@"\b(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>?,\s]+?)\s+(?<name>[A-Z]\w*)");

    /// <summary>Code without comments, string literals, enum members and using directives: what names types.</summary>
    private static string CodeOf(string file)
    {
        string text = File.ReadAllText(file);
        text = Regex.Replace(text, @"//[^\n]*|/\*.*?\*/", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, @"@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'", "\"\"");
        text = Regex.Replace(text, @"(\benum\s+\w+[^{;]*)\{[^}]*\}", "$1{}"); // HandleKind.Socket is a member, not the type
        return Regex.Replace(text, @"^\s*(?:global\s+)?using\s[^\n]*$", " ", RegexOptions.Multiline);
    }

    private static string RoomOf(string file) => Path.GetRelativePath(Src, file).Split(Path.DirectorySeparatorChar)[0];

    /// <summary>Each type's room: where its file named after it lives (Net/Socket.cs), else where it is declared.</summary>
    private static Dictionary<string, string> TypeRooms()
    {
        var rooms = new Dictionary<string, string>();
        foreach (var file in SourceFiles())
            foreach (Match m in Declaration.Matches(CodeOf(file)))
            {
                string name = m.Groups["name"].Value, room = RoomOf(file);
                bool home = Path.GetFileNameWithoutExtension(file) == name;
                if (home || !rooms.ContainsKey(name)) rooms[name] = room;
            }
        return rooms;
    }

    private static IEnumerable<string> SourceFiles() =>
        Rooms.SelectMany(room => Directory.GetFiles(Path.Combine(Src, room), "*.cs", SearchOption.AllDirectories));

    [Fact]
    public void Every_source_file_is_in_a_room()
    {
        var stray = Directory.GetFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => !Rooms.Contains(RoomOf(f)))
            .Select(f => Path.GetRelativePath(Src, f)).ToList();
        Assert.True(stray.Count == 0, "files outside the rooms of docs/architecture.md: " + string.Join(", ", stray));
    }

    [Fact]
    public void Dependencies_point_down()
    {
        var typeRooms = TypeRooms();
        var violations = new List<string>();
        foreach (var file in SourceFiles())
        {
            string code = CodeOf(file), room = RoomOf(file);
            var ownParts = Regex.Matches(code, @"\bpartial\s+(?:class|struct|record)\s+(\w+)").Select(m => m.Groups[1].Value).ToHashSet();
            int level = ownParts.Where(typeRooms.ContainsKey).Select(p => Array.IndexOf(Rooms, typeRooms[p]))
                .Append(Array.IndexOf(Rooms, room)).Max();
            foreach (var name in NamedTypes(code))
                if (typeRooms.TryGetValue(name, out var other) && Array.IndexOf(Rooms, other) > level)
                    violations.Add($"{Path.GetRelativePath(Src, file)} ({room}) names {name} ({other})");
        }
        Assert.True(violations.Count == 0, "dependencies that point up:\n" + string.Join("\n", violations.Order()));
    }

    /// <summary>The names <paramref name="code"/> may use as types: an identifier not preceded by '.' (System.Net,
    /// x.Socket) nor followed by '(' (a method such as Send), or T in 'new T('.</summary>
    private static HashSet<string> NamedTypes(string code) =>
        Regex.Matches(code, @"(?<![\w.])[A-Z]\w*(?!\w)(?!\s*\()").Select(m => m.Value)
            .Concat(Regex.Matches(code, @"\bnew\s+([A-Z]\w*)\s*\(").Select(m => m.Groups[1].Value)).ToHashSet();

    /// <summary>docs/architecture.md: Node's stream machinery knows nothing of libuv; a stream's owner feeds it and sends
    /// for it (IReadableHost, IWritableHost). The room order alone would let Streams name Uv and Native.</summary>
    [Fact]
    public void Streams_know_nothing_of_libuv()
    {
        var typeRooms = TypeRooms();
        var violations = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Src, "Streams"), "*.cs", SearchOption.AllDirectories))
            foreach (var name in NamedTypes(CodeOf(file)))
                if (typeRooms.TryGetValue(name, out var room) && room is "Uv" or "Native")
                    violations.Add($"{Path.GetFileName(file)} names {name} ({room})");
        Assert.True(violations.Count == 0, "Streams naming libuv's rooms:\n" + string.Join("\n", violations.Order()));
    }
}
