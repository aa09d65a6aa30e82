using NodeNet.TestHost;

// One scenario per run; each prints what the test checks and exits 0 when it held.
return args.Length > 0 && Scenarios.All.TryGetValue(args[0], out var run)
    ? run(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: NodeNet.TestHost <" + string.Join("|", Scenarios.All.Keys) + "> [args]");
    return 2;
}
