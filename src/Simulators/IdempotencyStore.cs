namespace Inburgering.Simulators;

/// <summary>An answer kept for replay: what the first request with a key got, every repeat gets again.</summary>
public sealed record StoredResponse(int Status, string? BodyJson, string Fingerprint, string ContentType = "application/json");

/// <summary>
/// Remembers the answer to every state-changing request by (partner, key), so that a repeat with the same key
/// has no second effect. A repeat whose body differs (another fingerprint) is refused: the key was reused.
/// </summary>
public sealed class IdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Partner, string Key), StoredResponse> _responses = [];

    /// <summary>
    /// Runs <paramref name="execute"/> once per key and stores its answer; later calls return the stored answer
    /// with <c>replayed = true</c>. Serialised per store: a simulator, not a throughput engine.
    /// </summary>
    public (StoredResponse Response, bool Replayed, bool Conflict) Execute(string partner, string key, string fingerprint, Func<StoredResponse> execute)
    {
        lock (_gate)
        {
            if (_responses.TryGetValue((partner, key), out var stored))
            {
                return (stored, true, stored.Fingerprint != fingerprint);
            }

            var response = execute();
            if (response.Status < 500)
            {
                _responses[(partner, key)] = response;
            }

            return (response, false, false);
        }
    }

    public int Count(string partner)
    {
        lock (_gate)
        {
            return _responses.Keys.Count(k => k.Partner == partner);
        }
    }

    public void Clear(string? partner = null)
    {
        lock (_gate)
        {
            foreach (var key in _responses.Keys.Where(k => partner is null || k.Partner == partner).ToList())
            {
                _responses.Remove(key);
            }
        }
    }
}
