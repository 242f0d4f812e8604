using System;

namespace HamletPS.Internal
{
    /// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    internal sealed class CallbackProgress<T> : IProgress<T>
    {
        private readonly Action<T> _callback;
        private readonly object _gate = new object();

        public CallbackProgress(Action<T> callback) => _callback = callback;

        public void Report(T value)
        {
            lock (_gate) _callback(value);
        }
    }
}
