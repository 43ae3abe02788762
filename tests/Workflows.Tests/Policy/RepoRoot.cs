namespace Inburgering.Workflows.Tests.Policy;

internal static class RepoRoot
{
    /// <summary>Walks up from the test binaries to the folder holding Inburgering.sln.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Inburgering.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Inburgering.sln not found above " + AppContext.BaseDirectory);
    }

    public static string GemeentenFolder => Path.Combine(Find(), "workflow-definitions", "gemeenten");
}
