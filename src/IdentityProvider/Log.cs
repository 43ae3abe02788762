namespace Inburgering.IdentityProvider;

/// <summary>The identity provider's log messages. No passwords, no names.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Identity provider for development and tests: {Accounts} accounts, clients {Clients}; issuer {Issuer}")]
    public static partial void Started(ILogger logger, int accounts, string clients, string issuer);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Token issued to client {ClientId} ({GrantType})")]
    public static partial void TokenIssued(ILogger logger, string clientId, string grantType);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Sign-in refused for client {ClientId}: wrong user name or password")]
    public static partial void SignInRefused(ILogger logger, string clientId);
}
