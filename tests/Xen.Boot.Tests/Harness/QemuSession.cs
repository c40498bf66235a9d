// A running QEMU with its serial console on stdout. The console is read through System.IO.Pipelines into
// timestamped lines; tests wait for lines with timeouts. Disposing always kills QEMU, and every failure
// carries the whole console so a red test explains itself.
using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;

namespace Xen.Boot.Tests.Harness;

/// <summary>One console line and when it arrived (time since QEMU was started).</summary>
public sealed record ConsoleLine(string Text, TimeSpan At);

/// <summary>A QEMU process whose serial console the test reads.</summary>
public sealed class QemuSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<ConsoleLine> _lines = new();
    private readonly object _gate = new();
    private readonly Task _reader;
    private readonly StringBuilder _stderr = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;

    private QemuSession(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadConsoleAsync);
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/>.</summary>
    public static QemuSession Start(string executable, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        return new QemuSession(process, clock);
    }

    /// <summary>Every console line so far.</summary>
    public IReadOnlyList<ConsoleLine> Lines
    {
        get { lock (_gate) return _lines.ToArray(); }
    }

    /// <summary>The whole console (and QEMU's stderr) as text, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            var text = new StringBuilder();
            foreach (ConsoleLine l in Lines) text.Append($"[{l.At.TotalMilliseconds,8:F0} ms] {l.Text}\n");
            lock (_stderr) if (_stderr.Length > 0) text.Append("--- qemu stderr ---\n").Append(_stderr);
            return text.ToString();
        }
    }

    /// <summary>Waits for the first line matching <paramref name="pattern"/>; fails with the console on timeout
    /// or if QEMU exits first.</summary>
    public async Task<ConsoleLine> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (ConsoleLine line in _lines)
                    if (regex.IsMatch(line.Text)) return line;
                if (_ended) throw Failure($"QEMU ended before a line matching /{pattern}/ appeared");
                changed = _changed.Task;
            }
            try { await changed.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw Failure($"no line matching /{pattern}/ within {timeout.TotalSeconds:F0} s"); }
        }
    }

    /// <summary>Waits for QEMU to exit and returns its status; kills it and fails on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            Kill();
            throw Failure($"QEMU did not exit within {timeout.TotalSeconds:F0} s");
        }
        await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    /// <summary>Types <paramref name="text"/> on the serial console (QEMU's stdin).</summary>
    public async Task SendAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Builds an exception whose message carries the console transcript.</summary>
    public BootTestException Failure(string message) => new($"{message}\n--- console ---\n{Transcript}");

    private async Task ReadConsoleAsync()
    {
        PipeReader reader = PipeReader.Create(_process.StandardOutput.BaseStream);
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (TryTakeLine(ref buffer, out string? line)) Publish(line!);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    if (buffer.Length > 0) Publish(Decode(buffer.ToArray()));
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
            lock (_gate)
            {
                _ended = true;
                _changed.TrySetResult();
            }
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out string? line)
    {
        SequencePosition? newline = buffer.PositionOf((byte)'\n');
        if (newline is null) { line = null; return false; }
        line = Decode(buffer.Slice(0, newline.Value).ToArray());
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    // Firmware output carries ANSI escapes and CRs; tests match on the visible text.
    private static string Decode(byte[] bytes) =>
        Regex.Replace(Encoding.Latin1.GetString(bytes), @"\x1B\[[0-9;?]*[A-Za-z]|\r", "");

    private void Publish(string text)
    {
        lock (_gate)
        {
            _lines.Add(new ConsoleLine(text, _clock.Elapsed));
            TaskCompletionSource old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            old.TrySetResult();
        }
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    /// <summary>Kills QEMU if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        _process.Dispose();
    }
}

/// <summary>A boot test failure; the message includes the console.</summary>
public sealed class BootTestException(string message) : Exception(message);
