using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace HamletPS.Core.Inspection
{
    /// <summary>
    /// Runs a function over a sequence on several threads and hands the results back in input order, a window of items at a
    /// time (so memory stays bounded and output streams). An exception thrown by the function for one item is returned with that
    /// item; an exception thrown while enumerating the input is rethrown after the results of the items before it.
    /// </summary>
    public static class OrderedParallel
    {
        /// <summary>Items per window: large enough to keep every core busy, small enough that output starts at once.</summary>
        public const int DefaultWindow = 256;

        /// <summary>One item's outcome: the result, or the exception the function threw for it.</summary>
        public readonly struct Outcome<TItem, TResult>
        {
            public Outcome(TItem item, TResult result, Exception error)
            {
                Item = item;
                Result = result;
                Error = error;
            }

            public TItem Item { get; }

            public TResult Result { get; }

            public Exception Error { get; }
        }

        public static IEnumerable<Outcome<TItem, TResult>> Map<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> function,
            int degreeOfParallelism = 0, int window = DefaultWindow)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            if (function == null) throw new ArgumentNullException(nameof(function));
            if (degreeOfParallelism <= 0) degreeOfParallelism = Environment.ProcessorCount;
            if (window <= 0) window = DefaultWindow;
            return MapIterator(items, function, degreeOfParallelism, window);
        }

        private static IEnumerable<Outcome<TItem, TResult>> MapIterator<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> function,
            int degreeOfParallelism, int window)
        {
            var batch = new List<TItem>(window);
            var outcomes = new Outcome<TItem, TResult>[window];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
            using (IEnumerator<TItem> source = items.GetEnumerator())
            {
                while (true)
                {
                    batch.Clear();
                    ExceptionDispatchInfo enumerationError = Fill(source, batch, window, out bool ended);
                    if (batch.Count == 1 || degreeOfParallelism == 1)
                    {
                        for (int i = 0; i < batch.Count; i++) outcomes[i] = Run(batch[i], function);
                    }
                    else if (batch.Count > 1)
                    {
                        Parallel.For(0, batch.Count, parallel, i => outcomes[i] = Run(batch[i], function));
                    }
                    for (int i = 0; i < batch.Count; i++)
                    {
                        yield return outcomes[i];
                        outcomes[i] = default;
                    }
                    enumerationError?.Throw();
                    if (ended) yield break;
                }
            }
        }

        /// <summary>Takes up to <paramref name="window"/> items; an exception from the input is returned, not thrown, so the items before it are still handled.</summary>
        private static ExceptionDispatchInfo Fill<TItem>(IEnumerator<TItem> source, List<TItem> batch, int window, out bool ended)
        {
            ended = false;
            try
            {
                while (batch.Count < window)
                {
                    if (!source.MoveNext())
                    {
                        ended = true;
                        return null;
                    }
                    batch.Add(source.Current);
                }
                return null;
            }
            catch (Exception ex)
            {
                ended = true;
                return ExceptionDispatchInfo.Capture(ex);
            }
        }

        private static Outcome<TItem, TResult> Run<TItem, TResult>(TItem item, Func<TItem, TResult> function)
        {
            try
            {
                return new Outcome<TItem, TResult>(item, function(item), null);
            }
            catch (Exception ex)
            {
                return new Outcome<TItem, TResult>(item, default, ex);
            }
        }
    }
}
