using System.Security.Cryptography;
using System.Text;

namespace Inburgering.Activities.Duo;

/// <summary>
/// The <c>berichtId</c> header (a UUID) derived deterministically from the engine's idempotency key and the DUO
/// operation (plus a step, for activities that make more than one call), so that every retry of one task sends the
/// same BerichtId and DUO can recognise the repeat. RFC 9562 version 8 (custom) UUID over SHA-256.
/// </summary>
public static class DuoBerichtId
{
    public static Guid Derive(string idempotencyKey, string operation)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"duo-berichtid\n{idempotencyKey}\n{operation}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
