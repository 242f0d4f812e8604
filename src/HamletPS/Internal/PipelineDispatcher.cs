using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Internal
{
    /// <summary>
    /// Lets long work run off the pipeline thread while everything PowerShell requires on that thread (WriteObject, WriteError,
    /// WriteProgress, ShouldProcess) is marshalled back to it. The worker posts; the pipeline thread drains until the worker ends.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The BlockingCollection's semaphore holds no wait handle (AvailableWaitHandle is never read): nothing to release; the dispatcher lives for one cmdlet call.")]
    internal sealed class PipelineDispatcher
    {
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();

        /// <summary>From the worker: run this on the pipeline thread, without waiting.</summary>
        public void Post(Action action) => _queue.Add(action);

        /// <summary>From the worker: run this on the pipeline thread and wait for its result (ShouldProcess, prompts).</summary>
        public T Invoke<T>(Func<T> function, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add(() =>
            {
                try { done.SetResult(function()); }
                catch (Exception ex) { done.SetException(ex); }
            }, cancellationToken);
            done.Task.Wait(cancellationToken);
            return done.Task.GetAwaiter().GetResult();
        }

        /// <summary>On the pipeline thread: runs <paramref name="work"/> on a worker and pumps its posts until it completes.</summary>
        public void Run(Func<Task> work)
        {
            Task worker = Task.Run(async () =>
            {
                try { await work().ConfigureAwait(false); }
                finally { _queue.CompleteAdding(); }
            });
            foreach (Action action in _queue.GetConsumingEnumerable()) action();
            worker.GetAwaiter().GetResult();
        }
    }
}
