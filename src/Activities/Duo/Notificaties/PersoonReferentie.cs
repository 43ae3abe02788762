using System.Security.Cryptography;
using System.Text;
using Inburgering.Workflows.Personen;
using Microsoft.Extensions.Options;

namespace Inburgering.Activities.Duo.Notificaties;

/// <summary><c>PersoonReferentie:Secret</c>: the HMAC key behind every <see cref="PersoonReferentie"/>. Keep it secret and stable: changing it orphans every correlation.</summary>
public sealed class PersoonReferentieOptions
{
    public const string Section = "PersoonReferentie";

    public string Secret { get; set; } = "";
}

/// <summary>
/// The key that stands for a person wherever a BSN must not appear (correlation keys, URLs of our partners, logs):
/// <c>"P-" + first 20 characters of base32(HMAC-SHA256(secret, bsn))</c>. Deterministic, so a DUO notification finds its
/// traject without a lookup table; one-way, so the reference does not give the BSN away.
/// </summary>
public static class PersoonReferentie
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Compute(ReadOnlySpan<byte> secret, string bsn)
    {
        if (secret.Length < 16)
        {
            throw new InvalidOperationException("PersoonReferentie:Secret is missing or shorter than 16 bytes.");
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(bsn.Trim()), mac);
        return "P-" + Base32(mac)[..20];
    }

    /// <summary>True for a string of the shape this class makes (not proof that it belongs to anyone).</summary>
    public static bool LooksValid(string? value) =>
        value is { Length: 22 } && value.StartsWith("P-", StringComparison.Ordinal) && value[2..].All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>RFC 4648 base32, upper case, no padding.</summary>
    internal static string Base32(ReadOnlySpan<byte> data)
    {
        var output = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}

/// <summary>Computes <see cref="PersoonReferentie"/>s with the configured secret.</summary>
public sealed class PersoonReferentieGenerator(IOptions<PersoonReferentieOptions> options)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.Secret ?? "");

    public string For(Bsn bsn) => PersoonReferentie.Compute(_secret, bsn.Value);
}
