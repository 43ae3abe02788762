using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Inburgering.Engine.Hosting;

/// <summary>
/// Hangfire's log lines into the host's logging. Hangfire's log provider is process-wide, while a test process builds and
/// disposes many hosts: the provider looks up the current host's logger factory at each line and drops the line when that
/// host is gone, instead of holding a disposed factory.
/// </summary>
internal sealed class HangfireLogProvider : ILogProvider
{
    private static readonly HangfireLogProvider Instance = new();
    private static ILoggerFactory? s_factory;

    public static void Use(ILoggerFactory factory)
    {
        Volatile.Write(ref s_factory, factory);
        LogProvider.SetCurrentLogProvider(Instance);
    }

    public static void Release(ILoggerFactory factory) => Interlocked.CompareExchange(ref s_factory, null, factory);

    public ILog GetLogger(string name) => new HostLog(name);

    private sealed class HostLog(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Volatile.Read(ref s_factory) is not { } factory)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLevel.Trace => MsLevel.Trace,
                    HangfireLevel.Debug => MsLevel.Debug,
                    HangfireLevel.Info => MsLevel.Information,
                    HangfireLevel.Warn => MsLevel.Warning,
                    HangfireLevel.Error => MsLevel.Error,
                    _ => MsLevel.Critical,
                };
                if (!logger.IsEnabled(level))
                {
                    return false;
                }

                if (messageFunc is not null)
                {
                    logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
