using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace NodeNet.Tests.Native;

/// <summary>
/// Every LibraryImport in NodeNet.Native.Uv against its C prototype in uv.h, for each target the package carries: clang
/// dumps uv.h as a JSON AST for the target's triple, and each parameter and return type must have the width, signedness
/// and shape the managed side passes (the check ClangSharp would make). Imports marked [SupportedOSPlatform("windows")]
/// or [UnsupportedOSPlatform("windows")] are checked on the targets they run on.
/// </summary>
public class SignatureTests
{
    public static TheoryData<string> Targets => new() { "x86_64-linux-gnu", "aarch64-linux-gnu", "x86_64-linux-musl", "x86_64-w64-mingw32" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_import_matches_its_prototype_in_uv_h(string triple)
    {
        var header = Header.Dump(triple);
        bool windows = triple.Contains("mingw");
        var imports = typeof(EventLoop).Assembly.GetType("NodeNet.Native.Uv", throwOnError: true)!
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(m => (method: m, import: m.GetCustomAttribute<LibraryImportAttribute>()))
            .Where(x => x.import != null && RunsOn(x.method, windows) && InHeader(x.method, header)).ToList();
        Assert.True(imports.Count > 50, $"only {imports.Count} imports found");

        var mismatches = new List<string>();
        foreach (var (method, import) in imports)
        {
            string entry = import!.EntryPoint ?? method.Name;
            if (!header.Functions.TryGetValue(entry, out var proto)) { mismatches.Add($"{entry}: not declared in uv.h for {triple}"); continue; }
            var parameters = method.GetParameters();
            string why = parameters.Length != proto.Parameters.Count ? $"{parameters.Length} parameters, uv.h has {proto.Parameters.Count}"
                : Compare(header, proto.Return, method.ReturnType, "return") ??
                  Enumerable.Range(0, parameters.Length).Select(i => Compare(header, proto.Parameters[i], parameters[i].ParameterType, $"parameter {i + 1}"))
                      .FirstOrDefault(m => m != null) ?? "";
            if (why.Length > 0)
                mismatches.Add($"{method.Name}{(entry != method.Name ? $" ({entry})" : "")} on {triple}: {why}\n" +
                    $"    C:       {proto.Return} {entry}({string.Join(", ", proto.Parameters)})\n" +
                    $"    managed: {Show(method.ReturnType)} {method.Name}({string.Join(", ", parameters.Select(p => Show(p.ParameterType)))})");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>Imports libuv gained after the header's version (a system uv.h older than the package's) are not in it:
    /// the code calls them only when the loaded library exports them.</summary>
    private static bool InHeader(MethodInfo m, Header h)
    {
        var since = m.GetCustomAttributes().FirstOrDefault(a => a.GetType().Name == "LibuvSinceAttribute");
        if (since == null) return true;
        int major = (int)since.GetType().GetProperty("Major")!.GetValue(since)!, minor = (int)since.GetType().GetProperty("Minor")!.GetValue(since)!;
        return (h.Version.major, h.Version.minor).CompareTo((major, minor)) >= 0;
    }

    [Fact]
    public void The_package_header_declares_every_import()
    {
        // With the package's own uv.h (1.52), nothing is left out by InHeader.
        var header = Header.Dump("x86_64-linux-gnu");
        if (header.Version.minor < 52) return; // a system uv.h: the per-version filter above is what applies
        var missing = typeof(EventLoop).Assembly.GetType("NodeNet.Native.Uv", throwOnError: true)!
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(m => m.GetCustomAttribute<LibraryImportAttribute>() != null && !InHeader(m, header)).Select(m => m.Name).ToList();
        Assert.Empty(missing);
    }

    private static bool RunsOn(MethodInfo m, bool windows)
    {
        bool windowsOnly = m.GetCustomAttributes<SupportedOSPlatformAttribute>().Any(a => a.PlatformName == "windows");
        bool notWindows = m.GetCustomAttributes<UnsupportedOSPlatformAttribute>().Any(a => a.PlatformName == "windows");
        return windows ? !notWindows : !windowsOnly;
    }

    private static string Show(Type t) =>
        t.IsFunctionPointer ? $"delegate*<{string.Join(", ", t.GetFunctionPointerParameterTypes().Append(t.GetFunctionPointerReturnType()).Select(Show))}>"
        : t.IsPointer ? Show(t.GetElementType()!) + "*" : t.Name;

    /// <summary>Null when <paramref name="managed"/> can carry C's <paramref name="c"/> on this target, else why not.</summary>
    private static string? Compare(Header h, string c, Type managed, string what)
    {
        var ct = h.Resolve(c);
        if (managed.IsEnum) managed = Enum.GetUnderlyingType(managed);
        switch (ct)
        {
            case CVoid:
                return managed == typeof(void) ? null : $"{what}: C has void, managed {Show(managed)}";
            case CInt i:
                if (managed.IsPointer || managed.IsFunctionPointer || !ManagedInts.TryGetValue(managed, out var m))
                    return $"{what}: C has a {i.Size * 8}-bit integer ({c}), managed {Show(managed)}";
                int size = m.Size == 0 ? h.PointerSize : m.Size;
                return size == i.Size && m.Signed == i.Signed ? null
                    : $"{what}: C has a {(i.Signed ? "signed" : "unsigned")} {i.Size * 8}-bit integer ({c}), managed {Show(managed)} " +
                      $"is {(m.Signed ? "signed" : "unsigned")} {size * 8}-bit";
            case CPointer p:
                if (managed == typeof(nint) || managed == typeof(nuint)) return null; // an opaque address
                if (!managed.IsPointer) return $"{what}: C has a pointer ({c}), managed {Show(managed)}";
                var element = managed.GetElementType()!;
                return p.Target switch
                {
                    CInt or CPointer or CFunction => Compare(h, p.TargetText, element, what + "'s target"),
                    CChar => element == typeof(byte) || element == typeof(sbyte) ? null : $"{what}: C has char*, managed {Show(managed)}",
                    _ => null, // struct, union or void: opaque memory
                };
            case CChar:
                return managed == typeof(byte) || managed == typeof(sbyte) ? null : $"{what}: C has char, managed {Show(managed)}";
            case CFunction f:
                if (!managed.IsFunctionPointer) return $"{what}: C has a function pointer ({c}), managed {Show(managed)}";
                var ps = managed.GetFunctionPointerParameterTypes();
                if (ps.Length != f.Parameters.Count) return $"{what}: the callback takes {f.Parameters.Count} parameters in C, {ps.Length} managed";
                return Compare(h, f.Return, managed.GetFunctionPointerReturnType(), what + "'s callback return")
                    ?? Enumerable.Range(0, ps.Length).Select(i => Compare(h, f.Parameters[i], ps[i], $"{what}'s callback parameter {i + 1}")).FirstOrDefault(x => x != null);
            default:
                return $"{what}: C type {c} is not understood by this check";
        }
    }

    /// <summary>Managed integers by size (0: pointer-sized) and signedness.</summary>
    private static readonly Dictionary<Type, (int Size, bool Signed)> ManagedInts = new()
    {
        [typeof(sbyte)] = (1, true), [typeof(byte)] = (1, false), [typeof(short)] = (2, true), [typeof(ushort)] = (2, false),
        [typeof(int)] = (4, true), [typeof(uint)] = (4, false), [typeof(long)] = (8, true), [typeof(ulong)] = (8, false),
        [typeof(nint)] = (0, true), [typeof(nuint)] = (0, false),
    };

    private abstract record CType;
    private sealed record CVoid : CType;
    private sealed record CChar : CType;
    private sealed record CInt(int Size, bool Signed) : CType;
    private sealed record CPointer(CType Target, string TargetText) : CType;
    private sealed record CFunction(string Return, List<string> Parameters) : CType;
    private sealed record COpaque(string Name) : CType;
    private sealed record CUnknown(string Text) : CType;

    private sealed record Prototype(string Return, List<string> Parameters);

    /// <summary>uv.h as clang sees it for one target: its functions, and the typedefs to resolve their types.</summary>
    private sealed class Header
    {
        public readonly Dictionary<string, Prototype> Functions = new();
        private readonly Dictionary<string, string> _typedefs = new();
        public int PointerSize = 8;
        public (int major, int minor) Version;
        private bool _windows;

        public static Header Dump(string triple)
        {
            string from = Environment.GetEnvironmentVariable("LIBUV_INCLUDE_DIR") is { Length: > 0 } inc ? inc : "/usr/include";
            string dir = TestLoop.TempDir();
            // uv.h and uv/ alone: /usr/include also holds glibc's headers, which must not meet musl's.
            string include = Path.Combine(dir, "include");
            Directory.CreateDirectory(Path.Combine(include, "uv"));
            File.Copy(Path.Combine(from, "uv.h"), Path.Combine(include, "uv.h"));
            foreach (string h in Directory.GetFiles(Path.Combine(from, "uv"))) File.Copy(h, Path.Combine(include, "uv", Path.GetFileName(h)));
            string source = Path.Combine(dir, "uv_signatures.c");
            File.WriteAllText(source, "#include <uv.h>\n");
            string versionH = File.ReadAllText(Path.Combine(include, "uv", "version.h"));
            int Define(string name) => int.Parse(Regex.Match(versionH, $@"#define {name}\s+(\d+)").Groups[1].Value);
            var version = (Define("UV_VERSION_MAJOR"), Define("UV_VERSION_MINOR"));
            var args = new List<string> { $"--target={triple}", "-I" + include, "-Xclang", "-ast-dump=json", "-fsyntax-only", source };
            if (triple.Contains("musl"))
            {
                // musl-tools ships headers for musl-gcc only; clang is pointed at them and at its own builtin headers.
                var (_, resource, _) = ProcessRunner.Run("clang", ["-print-resource-dir"]);
                args.InsertRange(0, ["-nostdinc", "-isystem", Path.Combine(resource.Trim(), "include"), "-isystem", "/usr/include/x86_64-linux-musl"]);
            }
            (int code, string json, string error) = ProcessRunner.Run("clang", args, timeoutMs: 120_000);
            Directory.Delete(dir, true);
            Assert.True(code == 0, $"clang could not read uv.h for {triple} (CI installs clang, gcc-aarch64-linux-gnu, mingw-w64 and musl-tools):\n{error}");
            var header = new Header { _windows = triple.Contains("mingw"), Version = version };
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
            foreach (var decl in doc.RootElement.GetProperty("inner").EnumerateArray())
            {
                string kind = decl.GetProperty("kind").GetString()!;
                if (!decl.TryGetProperty("name", out var nameElement)) continue;
                string name = nameElement.GetString()!;
                if (kind == "TypedefDecl") header._typedefs[name] = decl.GetProperty("type").GetProperty("qualType").GetString()!;
                else if (kind == "FunctionDecl" && name.StartsWith("uv_", StringComparison.Ordinal))
                {
                    string type = decl.GetProperty("type").GetProperty("qualType").GetString()!;
                    var parameters = decl.TryGetProperty("inner", out var inner)
                        ? inner.EnumerateArray().Where(p => p.GetProperty("kind").GetString() == "ParmVarDecl")
                            .Select(p => p.GetProperty("type").GetProperty("qualType").GetString()!).ToList()
                        : [];
                    header.Functions[name] = new Prototype(type[..type.IndexOf('(')].Trim(), parameters);
                }
            }
            return header;
        }

        private static readonly Regex FunctionPointer = new(@"^(?<ret>.*?)\s*\(\*\)\((?<args>.*)\)$", RegexOptions.Singleline);

        public CType Resolve(string text, int depth = 0)
        {
            string s = Regex.Replace(text, @"\b(const|volatile|restrict)\b", "").Trim();
            s = Regex.Replace(s, @"\s+", " ");
            if (depth > 20) return new CUnknown(text);
            if (FunctionPointer.Match(s) is { Success: true } f)
            {
                string args = f.Groups["args"].Value.Trim();
                return new CFunction(f.Groups["ret"].Value, args is "" or "void" ? [] : SplitTopLevel(args));
            }
            if (s.EndsWith('*')) { string target = s[..^1].Trim(); return new CPointer(Resolve(target, depth + 1), target); }
            if (s.StartsWith("struct ") || s.StartsWith("union ")) return new COpaque(s);
            if (s.StartsWith("enum ")) return new CInt(4, true);
            switch (s)
            {
                case "void": return new CVoid();
                case "char": return new CChar();
                case "signed char": return new CInt(1, true);
                case "unsigned char": return new CInt(1, false);
                case "short": return new CInt(2, true);
                case "unsigned short": return new CInt(2, false);
                case "int": return new CInt(4, true);
                case "unsigned int": return new CInt(4, false);
                case "long": return new CInt(_windows ? 4 : 8, true);
                case "unsigned long": return new CInt(_windows ? 4 : 8, false);
                case "long long": return new CInt(8, true);
                case "unsigned long long": return new CInt(8, false);
            }
            return _typedefs.TryGetValue(s, out var underlying) ? Resolve(underlying, depth + 1) : new CUnknown(text);
        }

        private static List<string> SplitTopLevel(string args)
        {
            var parts = new List<string>();
            int level = 0, start = 0;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == '(') level++;
                else if (args[i] == ')') level--;
                else if (args[i] == ',' && level == 0) { parts.Add(args[start..i].Trim()); start = i + 1; }
            }
            parts.Add(args[start..].Trim());
            return parts;
        }
    }
}
