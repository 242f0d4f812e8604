using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// Ctrl-C (Console.CancelKeyPress), SIGTERM (systemd stop, docker stop, kill; on Windows also log-off and shutdown) and
    /// SIGHUP (a closed terminal; on Windows the console window closed, CTRL_CLOSE_EVENT, which leaves a few seconds) as a
    /// CancellationToken, so the verb stops cleanly: files being written are finished or removed, journals record the stop.
    /// Task Scheduler's "End" terminates the process outright (nothing can handle it): the temporary names and the run journal
    /// let the next run resume.
    /// </summary>
    public sealed class ShutdownSignal : IDisposable
    {
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();
        private readonly PosixSignalRegistration _sigterm;
        private readonly PosixSignalRegistration _sigquit;
        private readonly PosixSignalRegistration _sighup;

        public ShutdownSignal()
        {
            Console.CancelKeyPress += OnCancelKeyPress;
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            if (!OperatingSystem.IsWindows()) _sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
            _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        }

        public CancellationToken Token => _cts.Token;

        private void OnCancelKeyPress(object sender, ConsoleCancelEventArgs e)
        {
            // A second Ctrl-C while stopping ends the process at once.
            if (_cts.IsCancellationRequested) return;
            e.Cancel = true;
            _cts.Cancel();
        }

        private void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we stop by ourselves, cleanly
            _cts.Cancel();
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            _sigterm.Dispose();
            _sigquit?.Dispose();
            _sighup.Dispose();
            _cts.Dispose();
        }
    }
}
