using System;
using System.Collections.Generic;
using System.Threading;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>
    /// The entries of a generated table, each made from its row the first time it is asked for and then kept. Thread-safe
    /// without locks: two threads may both make an entry, one of the two is kept and both get that one.
    /// </summary>
    internal sealed class RowEntryCache<T> where T : class
    {
        private readonly T[] _made;
        private readonly Func<int, T> _parse;
        private IReadOnlyList<T>? _all;

        public RowEntryCache(int rows, Func<int, T> parse)
        {
            _made = new T[rows];
            _parse = parse;
        }

        /// <summary>The entry of a row.</summary>
        public T Get(int row)
        {
            T made = Volatile.Read(ref _made[row]);
            if (made != null) return made;
            Interlocked.CompareExchange(ref _made[row], _parse(row), null);
            return _made[row];
        }

        /// <summary>Every entry, in row order (all made on first use).</summary>
        public IReadOnlyList<T> All
        {
            get
            {
                IReadOnlyList<T>? all = Volatile.Read(ref _all);
                if (all != null) return all;
                var list = new T[_made.Length];
                for (int row = 0; row < list.Length; row++) list[row] = Get(row);
                Interlocked.CompareExchange(ref _all, Array.AsReadOnly(list), null);
                return _all;
            }
        }
    }
}
