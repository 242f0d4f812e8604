using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace HamletPS.Cli.Verbs
{
    /// <summary>Ctrl-C (Console.CancelKeyPress) and SIGTERM (systemd stop, docker stop, kill) as a CancellationToken, for verbs that run until stopped.</summary>
    public sealed class ShutdownSignal : IDisposable
    {
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();
        private readonly PosixSignalRegistration _sigterm;
        private readonly PosixSignalRegistration _sigquit;

        public ShutdownSignal()
        {
            Console.CancelKeyPress += OnCancelKeyPress;
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            if (!OperatingSystem.IsWindows()) _sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
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
            _cts.Dispose();
        }
    }
}
