using System.Collections.Concurrent;
using Inburgering.Activities.Duo.Notificaties;

namespace Inburgering.Activities.Tests.Infrastructure;

/// <summary>Stands in for the engine: keeps every message it was handed, with its BerichtId.</summary>
public sealed class RecordingNotificatieReceiver : IDuoNotificatieReceiver
{
    public ConcurrentQueue<(DuoProcessMessage Message, string BerichtId, string Gemeentecode)> Received { get; } = new();

    public bool Accept { get; set; } = true;

    public Task<bool> ReceiveAsync(DuoProcessMessage message, string berichtId, string gemeentecode, CancellationToken cancellationToken)
    {
        if (Accept)
        {
            Received.Enqueue((message, berichtId, gemeentecode));
        }

        return Task.FromResult(Accept);
    }

    public IReadOnlyList<DuoProcessMessage> For(string persoonReferentie) =>
        Received.Where(r => r.Message.CorrelationKey == persoonReferentie).Select(r => r.Message).ToList();
}
