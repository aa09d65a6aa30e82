namespace NodeNet.Soak;

/// <summary>How hard each phase pushes: the short form runs in CI (about 45 s), the full form about five minutes.</summary>
internal sealed record Scale(
    string Name, int HeldConnections, int HoldSeconds, long ChurnTarget, int ChurnChunkSeconds, int MaxChurnSeconds,
    int KillRounds, int ResetClients, int SlowReaderSeconds, int StormSeconds, int RaceIterations, int CancelIterations,
    int IpcAttacks, int LoopDeathSeconds, int TeardownRounds, int FuzzSeeds, int FuzzCalls)
{
    public static readonly Scale Short = new("short", 2_000, 6, 60_000, 3, 30, 3, 200, 3, 5, 200, 400, 1_000, 4, 300, 2, 3_000);
    public static readonly Scale Full = new("full", 10_000, 20, 500_000, 10, 150, 10, 2_000, 20, 30, 2_000, 4_000, 3_000, 16, 3_000, 10, 20_000);
}
