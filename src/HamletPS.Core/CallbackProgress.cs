using System;

namespace HamletPS.Core
{
    /// <summary>
    /// An <see cref="IProgress{T}"/> that calls back at once on the reporting thread (<see cref="Progress{T}"/> would post to a
    /// synchronisation context or the thread pool, out of order). Reports from several threads call back concurrently: the
    /// callback must be safe for that (a <see cref="ProgressThrottle"/> is).
    /// </summary>
    public sealed class CallbackProgress<T> : IProgress<T>
    {
        private readonly Action<T> _callback;

        public CallbackProgress(Action<T> callback) => _callback = callback ?? throw new ArgumentNullException(nameof(callback));

        public void Report(T value) => _callback(value);
    }
}
