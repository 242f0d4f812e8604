using System;
using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Identity
{
    /// <summary>
    /// The mapping file (mapping.csv / coupling list) was rejected. <see cref="File"/>, <see cref="Line"/> and <see cref="Reason"/>
    /// describe the first problem; <see cref="Errors"/> lists every problem found. Messages name lines, never MRN values.
    /// </summary>
    public sealed class MappingFileException : HamletException
    {
        public MappingFileException(IReadOnlyList<MappingFileError> errors)
            : base(ErrorIds.InvalidMappingFile, BuildMessage(errors))
        {
            Errors = errors;
        }

        public IReadOnlyList<MappingFileError> Errors { get; }
        public string File => Errors[0].File;
        public int Line => Errors[0].Line;
        public string Reason => Errors[0].Reason;

        private static string BuildMessage(IReadOnlyList<MappingFileError> errors)
        {
            if (errors == null || errors.Count == 0) throw new ArgumentException("At least one error is required.", nameof(errors));
            var first = errors[0].ToString();
            return errors.Count == 1 ? first : first + " (and " + (errors.Count - 1) + " more: " + string.Join("; ", errors.Skip(1).Take(5).Select(e => "line " + e.Line + ": " + e.Reason)) + (errors.Count > 6 ? "; …" : "") + ")";
        }
    }
}
