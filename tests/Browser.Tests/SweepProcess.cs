using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Sweep.Browser.Tests;

/// <summary>
/// The built `sweep` as a child process (`dotnet sweep.dll ...`), its output collected as it
/// comes, so a test can read the dashboard address and token a command prints at start.
/// </summary>
internal sealed partial class SweepProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SweepProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static SweepProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SweepDll);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var sweep = new SweepProcess(process);
        process.OutputDataReceived += (_, e) => sweep.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sweep.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sweep;
    }

    /// <summary>The address `dashboard: http://127.0.0.1:P/ (...)` once printed.</summary>
    public async Task<Uri> DashboardUrlAsync()
    {
        Match m = await WaitForAsync(DashboardLine());
        return new Uri(m.Groups[1].Value);
    }

    /// <summary>The token `dashboard control token: ...` once printed.</summary>
    public async Task<string> ControlTokenAsync() => (await WaitForAsync(TokenLine())).Groups[1].Value;

    /// <summary>Waits for the exit; the limit only catches a hung run.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"sweep did not exit within {limit}:\n{Output}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task<Match> WaitForAsync(Regex line)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            Match m = line.Match(Output);
            if (m.Success)
            {
                return m;
            }

            Assert.False(_process.HasExited, $"sweep exited before printing '{line}':\n{Output}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"sweep did not print '{line}' within a minute:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    // Tests run from <repo>/tests/Browser.Tests/bin/<configuration>/<framework>/; the project
    // reference builds Client into <repo>/Client/bin/<configuration>/<framework>/.
    private static string SweepDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            DirectoryInfo? repo = framework;
            while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Sweep.sln")))
            {
                repo = repo.Parent;
            }

            Assert.True(repo is not null, $"no Sweep.sln above {AppContext.BaseDirectory}");
            string dll = Path.Combine(repo.FullName, "Client", "bin", framework.Parent!.Name, framework.Name, "sweep.dll");
            Assert.True(File.Exists(dll), $"{dll} is not built; build the solution first");
            return dll;
        }
    }

    [GeneratedRegex(@"dashboard: (http://[^ ]+/)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex("dashboard control token: ([0-9a-f]{32})")]
    private static partial Regex TokenLine();
}
