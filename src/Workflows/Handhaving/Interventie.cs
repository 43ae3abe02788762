namespace Inburgering.Workflows.Handhaving;

/// <summary>Kinds of intervention the casuïstiekoverleg discusses before any sanction (Ferm Werk memo, seed 001).</summary>
public enum Interventiesoort
{
    ExtraOndersteuning,
    WmoVoorziening,
    Jeugdhulp,
    Schuldhulpverlening,
    AansprekenOpPlichten,
    SchriftelijkeWaarschuwing,
    Overig,
}

/// <summary>
/// An intervention: when it was started and when (if) it was discussed — in the casuïstiekoverleg (periodic or ad hoc,
/// per gemeente) or between casusregisseur and ketenpartners.
/// </summary>
public sealed record Interventie(Interventiesoort Soort, DateOnly IngezetOp, DateOnly? BesprokenOp, string? Toelichting = null);
