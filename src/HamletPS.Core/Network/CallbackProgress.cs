using System;

namespace HamletPS.Core.Network
{
    /// <summary>An <see cref="IProgress{T}"/> that calls back at once on the reporting thread (no synchronisation context).</summary>
    internal sealed class CallbackProgress<T> : IProgress<T>
    {
        private readonly Action<T> _callback;

        public CallbackProgress(Action<T> callback) => _callback = callback;

        public void Report(T value) => _callback(value);
    }
}
