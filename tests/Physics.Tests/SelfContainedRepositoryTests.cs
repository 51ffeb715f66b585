namespace Sweep.Physics.Tests;

/// <summary>
/// A user's clone has nothing beside it, so no code, test, script or document may reach for the
/// physics folder that sat next to the repository during development: its data lives in
/// tests/Physics.Tests/Data and its description in docs/model.md.
/// </summary>
public class SelfContainedRepositoryTests
{
    // This file is the one place allowed to spell the forbidden references.
    private const string ThisFile = "SelfContainedRepositoryTests.cs";

    private static readonly string[] SiblingReferences =
    [
        "../shared",
        "..\\shared",
        "shared/physics",
        "shared\\physics",
        "\"shared\", \"physics\"",
        "\"..\", \"shared\"",
    ];

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", ".vs", "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", "sweep-data", "node_modules",
    };

    [Fact]
    public void NoFileReferencesTheSiblingSharedFolder()
    {
        string root = RepositoryRoot();
        var offenders = new List<string>();
        var scanned = new List<string>();
        foreach (string file in TextFiles(new DirectoryInfo(root)))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            scanned.Add(relative);
            if (Path.GetFileName(file) == ThisFile)
            {
                continue;
            }

            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (ReferencesSibling(lines[i]))
                {
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        // The walk must have reached the code, the tests and the docs, or an empty pass proves nothing.
        Assert.Contains("Physics/Kernel/SpinProductKernel.cs", scanned);
        Assert.Contains("tests/Physics.Tests/TestVectorFile.cs", scanned);
        Assert.Contains("README.md", scanned);
        Assert.Contains("docs/model.md", scanned);
        Assert.True(offenders.Count == 0, "files refer to the sibling shared folder:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("Conventions (see `../shared/physics/MODEL.md`)", true)]
    [InlineData("string path = Path.Combine(dir.Parent.FullName, \"shared\", \"physics\", fileName);", true)]
    [InlineData("Path.Combine(dir.FullName, \"..\", \"shared\", \"physics\", \"test_vectors.json\")", true)]
    [InlineData("Conventions (see `docs/model.md`)", false)]
    [InlineData("// Scratch from the shared pool: small realizations are called millions of times", false)]
    public void RecognisesAReferenceToTheSiblingFolder(string line, bool expected)
        => Assert.Equal(expected, ReferencesSibling(line));

    private static bool ReferencesSibling(string line)
        => SiblingReferences.Any(r => line.Contains(r, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> TextFiles(DirectoryInfo dir)
    {
        foreach (var file in dir.EnumerateFiles())
        {
            if (file.Length <= 4_000_000 && !IsBinary(file.FullName))
            {
                yield return file.FullName;
            }
        }

        foreach (var sub in dir.EnumerateDirectories())
        {
            if (!SkippedFolders.Contains(sub.Name))
            {
                foreach (string file in TextFiles(sub))
                {
                    yield return file;
                }
            }
        }
    }

    // Stores, images and other binary fixtures hold no paths a reader follows.
    private static bool IsBinary(string path)
    {
        Span<byte> head = stackalloc byte[8000];
        using var stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read].Contains((byte)0);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds Sweep.sln");
    }
}
