using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HamletPS.Cli.Verbs;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public class OrderedParallelTests
    {
        [Theory]
        [InlineData(1, 7)]
        [InlineData(2, 7)]
        [InlineData(4, 3)]
        [InlineData(3, 256)]
        public void Map_ReturnsEveryResultInInputOrder_WhateverOrderTheWorkersFinishIn(int threads, int window)
        {
            var random = new Random(threads * 1000 + window);
            int[] delays = Enumerable.Range(0, 300).Select(_ => random.Next(3) == 0 ? random.Next(3) : 0).ToArray();
            var results = OrderedParallel.Map(Enumerable.Range(0, delays.Length), i => { Thread.Sleep(delays[i]); return i * 2; }, threads, window).ToList();
            Assert.Equal(Enumerable.Range(0, delays.Length), results.Select(r => r.Item));
            Assert.Equal(Enumerable.Range(0, delays.Length).Select(i => i * 2), results.Select(r => r.Result));
            Assert.All(results, r => Assert.Null(r.Error));
        }

        [Fact]
        public void Map_ReturnsAnItemsExceptionWithThatItem_AndGoesOn()
        {
            var results = OrderedParallel.Map(Enumerable.Range(0, 50), i => i == 17 ? throw new InvalidOperationException("bad " + i) : i, 2, 8).ToList();
            Assert.Equal(50, results.Count);
            Assert.Equal("bad 17", Assert.IsType<InvalidOperationException>(results[17].Error).Message);
            Assert.All(results.Where(r => r.Item != 17), r => Assert.Equal(r.Item, r.Result));
        }

        [Fact]
        public void Map_EnumerationError_IsRethrownAfterTheResultsOfTheItemsBeforeIt()
        {
            IEnumerable<int> Failing()
            {
                for (int i = 0; i < 20; i++) yield return i;
                throw new System.IO.IOException("folder went away");
            }
            var seen = new List<int>();
            var error = Assert.Throws<System.IO.IOException>(() =>
            {
                foreach (var outcome in OrderedParallel.Map(Failing(), i => i, 2, 4)) seen.Add(outcome.Result);
            });
            Assert.Equal("folder went away", error.Message);
            Assert.Equal(Enumerable.Range(0, 20), seen);
        }

        [Fact]
        public void Map_NeverRunsMoreThanAWindowAheadOfTheConsumer()
        {
            int started = 0, consumed = 0, worstLead = 0;
            foreach (var outcome in OrderedParallel.Map(Enumerable.Range(0, 200), i => { Interlocked.Increment(ref started); return i; }, 3, 5))
            {
                consumed++; // this outcome is handed over: the workers may now start up to a window past it
                Thread.Sleep(1);
                int lead = Volatile.Read(ref started) - consumed;
                if (lead > worstLead) worstLead = lead;
            }
            Assert.Equal(200, consumed);
            Assert.InRange(worstLead, 1, 5);
        }

        [Fact]
        public void Map_ConsumerLeavingEarly_StopsTheWorkersAndDisposesTheInput()
        {
            bool disposed = false;
            IEnumerable<int> Endless()
            {
                try { for (int i = 0; ; i++) yield return i; }
                finally { disposed = true; }
            }
            var firstTen = OrderedParallel.Map(Endless(), i => i, 2, 16).Take(10).Select(o => o.Result).ToList();
            Assert.Equal(Enumerable.Range(0, 10), firstTen);
            Assert.True(disposed);
        }
    }
}
