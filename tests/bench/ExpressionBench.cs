using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Policy;

/// <summary>
/// Expression evaluation cost: µs per evaluation of representative BPMN expressions through the engine's evaluator,
/// with the keten's real function providers and policy files, single-threaded after a warm-up. Prints figures only.
/// The deadline and many-argument cases use the named-argument form since the functions took input records (before: the
/// same calls with positional arguments).
/// </summary>
internal static class ExpressionBench
{
    private const int Rounds = 3;

    private static readonly (string Name, string Expression, bool Condition)[] Cases =
    [
        ("gateway condition", "${pipLeerroute === 'Z' && cursusUren >= 800 && !vrijgesteld}", true),
        ("deadline function (timer)", "${timer.tijdstip(pip.escalatie({uiterlijk: pipUiterlijk, wekenVooraf: beleid.pipEscalatieWekenVooraf(execution.gemeente)}))}", false),
        ("template / I-O mapping", "Team Inburgering ${gemeenteNaam}: PIP uiterlijk ${pipUiterlijk}, route ${pipLeerroute}", false),
        ("call with many arguments (regel.pipFouten)",
            "${regel.pipFouten({doelgroep: doelgroepCode, startPlicht: plichtBegindatum, vestiging: (brpInschrijving ? brpInschrijving : plichtBegindatum), dagtekening: pipDagtekening, leerroute: pipLeerroute, niveau: pipNiveau, intensiteit: pipIntensiteit, dagtekeningEerstePip: dagtekeningEerstePip, dagtekeningActuelePip: dagtekeningActuelePip})}",
            false),
        ("script (ontzorging kostenposten)",
            "var soorten = beleid.ontzorgingKostenposten(execution.gemeente).split(','); var posten = []; for (var i = 0; i < soorten.length; i++) { posten.push({ soort: soorten[i], bedrag: 100 + i }); } posten",
            false),
    ];

    public static void Run(int iterations)
    {
        var root = FindRepoRoot();
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions(),
            TimeProvider.System,
            [new DomainFunctions(), new RegelFunctions(), new BeleidFunctions(PolicyCatalog.LoadOrThrow(Path.Combine(root, "workflow-definitions", "gemeenten")))]);
        var variables = Variables();

        var cases = Cases.Select(c => (c.Name, Evaluate: c.Condition
            ? () => evaluator.EvaluateCondition(c.Expression, variables)
            : (Func<object?>)(() => evaluator.Evaluate(c.Expression, variables)))).ToList();

        // Warm-up: every case (JIT tiers, caches), before any is measured.
        foreach (var (_, evaluate) in cases)
        {
            for (var i = 0; i < Math.Max(1, iterations / 5); i++)
            {
                evaluate();
            }
        }

        Console.WriteLine($"# Expression evaluation: {iterations} evaluations per case and round, {Rounds} rounds (best shown), after a warm-up of {iterations / 5} per case; one thread, {Environment.ProcessorCount} cores");
        Console.WriteLine("# CPU µs/op is the process's CPU time (GC included) per evaluation: steadier than wall time on a busy machine.");
        Console.WriteLine();
        Console.WriteLine("| case | CPU µs/op | wall µs/op | allocated KB/op |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, evaluate) in cases)
        {
            var best = (Cpu: double.MaxValue, Wall: double.MaxValue, Bytes: 0.0);
            for (var round = 0; round < Rounds; round++)
            {
                GC.Collect();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                using var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++)
                {
                    evaluate();
                }

                watch.Stop();
                process.Refresh();
                var cpuPerOp = (process.TotalProcessorTime - cpu).TotalMicroseconds / iterations;
                best = (Math.Min(best.Cpu, cpuPerOp), Math.Min(best.Wall, watch.Elapsed.TotalMicroseconds / iterations),
                    (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / iterations);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {best.Cpu:0.0} | {best.Wall:0.0} | {best.Bytes:0.0} |"));
        }
    }

    /// <summary>A traject's variables as they stand around the PIP in schakel 3 (about forty, like a real instance).</summary>
    private static Dictionary<string, JsonNode?> Variables()
    {
        var json = JsonNode.Parse("""
            {
              "execution": {"id": "e-1", "processInstanceId": "i-1", "businessKey": "P-0001", "gemeente": "0632", "activityId": "Task_PipControle"},
              "persoonReferentie": "P-0001", "doelgroep": "Asielstatushouder", "doelgroepCode": "Asielstatushouder",
              "inburgeringsplichtig": true, "plichtBegindatum": "2026-01-05", "plichtKennisgeving": "2026-01-12",
              "brpInschrijving": "2026-02-02", "pipUiterlijk": "2026-04-13", "pipDagtekening": "2026-03-20", "pipLeerroute": "B",
              "pipNiveau": "B1", "pipIntensiteit": 12, "dagtekeningEerstePip": null, "dagtekeningActuelePip": null,
              "adviesLeerroute": "B1", "cursusUren": 420, "participatieUren": 0, "vrijgesteld": false,
              "maatschappelijkeBegeleiding": true, "taalonderwijsDoorGemeente": true, "vierOgenRollen": "consulent,begeleider",
              "gemeenteNaam": "Woerden", "bijstandActief": true, "bijstandIngangsdatum": "2026-02-10", "bijstandEinddatum": null,
              "wetCode": "WET-WI2021", "wetReden": "De plicht startte na 1 januari 2022.", "examennummer": "EX-123456",
              "lbtUitslag": "B1 haalbaar", "contactpersoonNaam": "Team Inburgering Woerden", "contactpersoonEmail": "inburgering@gemeente.example",
              "contactpersoonTelefoon": "0348000000", "urenPerWeek": 12, "interventieSoort": null, "boeteOpleggen": false,
              "termijnStart": null, "termijnEinde": null, "laatsteVoortgangsgesprek": null,
              "ozHuur": 650, "ozEnergie": 120, "ozWater": 25, "ozZorgverzekering": 140
            }
            """)!.AsObject();
        return json.ToDictionary(p => p.Key, p => p.Value?.DeepClone());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "workflow-definitions", "gemeenten")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("workflow-definitions/gemeenten not found above " + AppContext.BaseDirectory);
    }
}
