namespace Inburgering.Activities.Partners;

/// <summary>Where a partner lives: <c>Partners:{Name}:BaseUrl</c> and <c>Partners:{Name}:TimeoutSeconds</c>.</summary>
public class PartnerClientOptions
{
    /// <summary>Base address including the version segment, e.g. <c>https://duo.example/v1/</c> or the in-process simulator <c>http://localhost:5000/sim/duo/v1/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    public double TimeoutSeconds { get; set; } = 30;
}
