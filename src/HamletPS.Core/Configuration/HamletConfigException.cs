using System;
using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Configuration
{
    /// <summary>The configuration could not be used. Carries the file, line and reason of the first error and every error found.</summary>
    public sealed class HamletConfigException : HamletException
    {
        public HamletConfigException(IReadOnlyList<ConfigFinding> errors)
            : base(ErrorIds.InvalidConfiguration, BuildMessage(errors))
        {
            Errors = errors;
        }

        public IReadOnlyList<ConfigFinding> Errors { get; }
        public string File => Errors[0].File;
        public int Line => Errors[0].Line;
        public string Reason => Errors[0].Message;

        private static string BuildMessage(IReadOnlyList<ConfigFinding> errors)
        {
            if (errors == null || errors.Count == 0) throw new ArgumentException("At least one error is required.", nameof(errors));
            var first = errors[0].ToString();
            return errors.Count == 1 ? first : first + " (and " + (errors.Count - 1) + " more: " + string.Join("; ", errors.Skip(1).Take(5).Select(e => e.ToString())) + ")";
        }
    }
}
