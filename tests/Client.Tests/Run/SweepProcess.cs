using System.Diagnostics;
using System.Text;

namespace Sweep.Client.Tests.Run;

/// <summary>
/// The built `sweep` command as a child process (`dotnet sweep.dll ...`), so it can be killed
/// like a real run. Nothing is built here: the dll is the one the test run was built with.
/// </summary>
public sealed class SweepProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private SweepProcess(Process process) => _process = process;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static SweepProcess Start(params string[] args) => Start(["dotnet"], args);

    /// <summary>
    /// Starts sweep with SIGINT at its default disposition. A process started in the background
    /// by a non-interactive shell (as a CI runner may start the test run) ignores SIGINT, the
    /// ignored disposition is inherited across exec, and .NET then leaves SIGINT ignored rather
    /// than raise Console.CancelKeyPress; perl (Debian's essential perl-base) resets it before
    /// exec'ing dotnet.
    /// </summary>
    public static SweepProcess StartInterruptible(params string[] args)
        => Start(["perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "dotnet"], args);

    private static SweepProcess Start(string[] launcher, string[] args)
    {
        var info = new ProcessStartInfo(launcher[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in launcher.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        info.ArgumentList.Add(SweepDll.Path);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var sweep = new SweepProcess(process);
        process.OutputDataReceived += (_, e) => Append(sweep._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(sweep._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sweep;
    }

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
            Assert.Fail($"sweep did not exit within {limit}; stdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGINT, what Ctrl-C in a terminal sends: the run's own shutdown code runs.</summary>
    public void Interrupt() => Signal("INT");

    /// <summary>Sends a signal by name (INT, TERM, HUP), as kill(1) does.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL (Process.Kill on Unix): no shutdown code runs, as in a crash.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }
}
