using System;

namespace HamletPS.Core.Pipeline
{
    /// <summary>
    /// The pipeline's inputs (configuration, mapping file, keys, profile, templates) cannot be used: thrown by
    /// <see cref="HamletPipeline.Run"/> before any file is moved or written (`hamlet process` exits 2). The message names the
    /// file, line or setting and the reason, never a patient value or a secret.
    /// </summary>
    public sealed class PipelineSetupException : Exception
    {
        public PipelineSetupException(string message) : base(message) { }

        /// <summary>The message of an exception thrown while checking the inputs, kept when its type is one of ours that
        /// names no value (configuration, mapping file, profile, secrets, templates), else reduced to its type.</summary>
        public static PipelineSetupException From(Exception cause)
        {
            if (cause is PipelineSetupException same) return same;
            bool describes = cause is Identity.MappingFileException || cause is Configuration.HamletConfigException
                || cause is Deidentification.ProfileFormatException || cause is ArgumentException || cause is InvalidOperationException
                || cause is System.IO.IOException || cause is UnauthorizedAccessException;
            return new PipelineSetupException(describes ? cause.Message : "the protection settings could not be prepared (" + cause.GetType().Name + ")");
        }
    }
}
