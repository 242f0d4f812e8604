using System;

namespace HamletPS.Core.Pipeline
{
    /// <summary>
    /// The pipeline's inputs (configuration, mapping file, keys, profile, templates) cannot be used: thrown by
    /// <see cref="HamletPipeline.Run"/> before any file is moved or written (`hamlet process` exits 2; ErrorId
    /// <see cref="ErrorIds.InvalidPipelineSettings"/>). The message names the file, line or setting and the reason, never a
    /// patient value or a secret.
    /// </summary>
    public sealed class PipelineSetupException : HamletException
    {
        public PipelineSetupException(string message, string remedy = null) : base(ErrorIds.InvalidPipelineSettings, message, null, remedy) { }

        /// <summary>The message of an exception thrown while checking the inputs, kept when it is one of ours (configuration,
        /// mapping file, profile, secrets, templates) or a set-up error by <see cref="SetupError.Classify"/>, which name no
        /// value; else reduced to its type. The remedy of ours is kept (each face names its own parameters).</summary>
        public static PipelineSetupException From(Exception cause)
        {
            if (cause is PipelineSetupException same) return same;
            HamletException setup = SetupError.Classify(cause, ErrorIds.InvalidPipelineSettings);
            return setup != null
                ? new PipelineSetupException(setup.Message, setup.Remedy)
                : new PipelineSetupException("the protection settings could not be prepared (" + cause.GetType().Name + ")");
        }
    }
}
