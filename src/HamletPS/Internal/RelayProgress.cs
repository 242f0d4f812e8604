using System;
using System.Threading;

namespace HamletPS.Internal
{
    /// <summary>
    /// Forwards reports from an engine's threads to a cmdlet's Emit… methods (thread-safe, marshalled to the pipeline thread).
    /// Once the command is being stopped the pipeline may be gone: reports are then dropped, so the engine can still finish
    /// (a receiver its files in flight).
    /// </summary>
    internal sealed class RelayProgress<T> : IProgress<T>
    {
        private readonly Action<T> _action;
        private readonly CancellationToken _stopping;

        public RelayProgress(Action<T> action, CancellationToken stopping)
        {
            _action = action;
            _stopping = stopping;
        }

        public void Report(T value)
        {
            try
            {
                _action(value);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
            }
        }
    }
}
