namespace Inburgering.Simulators;

/// <summary>
/// One request a simulator received. <see cref="MessageKey"/> is the DUO BerichtId or the Idempotency-Key header;
/// <see cref="TraceParent"/> the W3C trace context the caller sent (the engine's partner call carries its trace).
/// Kept in memory for test assertions and the <c>_sim/requests</c> endpoint; never logged (DUO paths carry a BSN).
/// </summary>
public sealed record RecordedRequest(
    string Partner,
    string Method,
    string Path,
    string? Operation,
    string? MessageKey,
    int Status,
    bool Replayed,
    bool Injected,
    DateTimeOffset At,
    string? TraceParent = null);

/// <summary>Every request every simulator received, in order.</summary>
public sealed class RequestJournal
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot(string? partner = null)
    {
        lock (_gate)
        {
            return _requests.Where(r => partner is null || r.Partner == partner).ToList();
        }
    }

    /// <summary>How many requests carried <paramref name="messageKey"/> (duplicates included).</summary>
    public int CountByKey(string partner, string messageKey) =>
        Snapshot(partner).Count(r => r.MessageKey == messageKey);

    /// <summary>Requests that were answered from the idempotency store rather than executed again.</summary>
    public int ReplayCount(string partner) => Snapshot(partner).Count(r => r.Replayed);

    public void Clear(string? partner = null)
    {
        lock (_gate)
        {
            _requests.RemoveAll(r => partner is null || r.Partner == partner);
        }
    }
}
