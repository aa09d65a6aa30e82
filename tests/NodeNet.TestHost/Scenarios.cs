namespace NodeNet.TestHost;

internal static class Scenarios
{
    public static readonly Dictionary<string, Func<string[], int>> All = new()
    {
        ["emfile"] = DescriptorLimit.Run,
        ["ipc-receive"] = HandleReceiver.Receive,
        ["ipc-exit"] = HandleReceiver.ExitAtOnce,
        ["systemd-launch"] = SystemdActivation.Launch,
        ["systemd-serve"] = SystemdActivation.Serve,
    };
}
