#nullable enable
using System;
using System.Collections.Generic;

namespace HamletPS.Core.Heartbeat
{
    /// <summary>What Test-HamletService and `hamlet heartbeat` were given (null: not given).</summary>
    public sealed class HeartbeatRequest
    {
        /// <summary>The checks asked for by name; null or empty: every check the configuration allows (the others are skipped).</summary>
        public IList<string>? Checks { get; set; }

        /// <summary>Seconds each check may take; null: <see cref="HeartbeatSetup.DefaultTimeoutSeconds"/>.</summary>
        public int? TimeoutSeconds { get; set; }

        /// <summary>The folder a relative configuration path is resolved against (the face's current location).</summary>
        public string? CurrentDirectory { get; set; }

        /// <summary>Environment lookup for the storage credentials (tests pass their own); default the process environment.</summary>
        public Func<string, string>? Environment { get; set; }
    }
}
