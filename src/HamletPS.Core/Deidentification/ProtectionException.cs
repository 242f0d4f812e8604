using System;
using System.Collections.Generic;

namespace HamletPS.Core.Deidentification
{
    /// <summary>A per-file protection/re-identification failure; the message names the file (by protected path when possible) and the reason, never a value.</summary>
    public sealed class ProtectionException : Exception
    {
        public ProtectionException(string message, Exception inner = null) : base(message, inner) { }
    }

    /// <summary>A file refused by a rule of the workflow (duplicate SOP instance, output onto input...); ReasonId is the stable error id.</summary>
    public sealed class ProtectionRefusedException : Exception
    {
        public ProtectionRefusedException(string reasonId, string message) : base(message) { ReasonId = reasonId; }

        public string ReasonId { get; }
    }

    /// <summary>The residual identifier check found original identifying values in a protected file or its path.</summary>
    public sealed class ResidualIdentifierException : Exception
    {
        public ResidualIdentifierException(string relativePath, IReadOnlyList<ResidualIdentifierHit> hits, string reason)
            : base(relativePath + ": " + reason)
        {
            RelativePath = relativePath;
            Hits = hits;
            Reason = reason;
        }

        public string RelativePath { get; }

        public IReadOnlyList<ResidualIdentifierHit> Hits { get; }

        public string Reason { get; }
    }
}
