using System;
using System.Collections.Generic;
using System.Threading;

namespace HamletPS.Core.Pipeline
{
    /// <summary>
    /// Step 2 (and 3) of <see cref="HamletPipeline"/>: de-identify one sorted file into the run's protected tree and check the
    /// result for residual identifiers. <see cref="DicomProtectionStep"/> is the real one (DicomProtector); tests may supply
    /// another. Implementations are called from several threads at once.
    /// </summary>
    public interface IProtectionStep : IDisposable
    {
        /// <summary>Protects <paramref name="sortedFile"/>; never throws for a bad file (the outcome says why).</summary>
        ProtectionOutcome Protect(string sortedFile, CancellationToken cancellationToken);

        /// <summary>One line per patient seen, naming only the new ID (e.g. "MRN not found in lookup - pseudonymised instead (pseudonym X)").</summary>
        IReadOnlyList<string> PatientMessages { get; }
    }
}
