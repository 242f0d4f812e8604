using System;
using System.Collections.Generic;

namespace HamletPS.Core.Deidentification
{
    /// <summary>A per-file protection/re-identification failure; the message names the file (by protected path when possible) and the reason, never a value.</summary>
    public sealed class ProtectionException : HamletException
    {
        public ProtectionException(string message, Exception inner = null) : this(ErrorIds.ProtectionFailed, message, inner) { }

        public ProtectionException(string errorId, string message, Exception inner) : base(errorId, message, inner) { }
    }

    /// <summary>A file refused by a rule of the workflow (duplicate SOP instance, output onto input...), with its own error id.</summary>
    public sealed class ProtectionRefusedException : HamletException
    {
        public ProtectionRefusedException(string errorId, string message) : base(errorId, message) { }
    }

    /// <summary>The residual identifier check found original identifying values in a protected file or its path.</summary>
    public sealed class ResidualIdentifierException : HamletException
    {
        public ResidualIdentifierException(string relativePath, IReadOnlyList<ResidualIdentifierHit> hits, string reason)
            : base(ErrorIds.ResidualIdentifier, relativePath + ": " + reason)
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
