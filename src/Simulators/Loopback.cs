namespace Inburgering.Simulators;

/// <summary>How a process calls itself: the simulators in the server's own process, the demo driving the server's own API.</summary>
public static class Loopback
{
    /// <summary>A listening address as a base URL to call this service at: a wildcard host becomes 127.0.0.1.</summary>
    public static Uri For(string address)
    {
        address = address.Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/') + "/");
    }
}
