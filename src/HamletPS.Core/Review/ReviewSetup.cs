using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Turns a <see cref="ReviewRequest"/> into <see cref="ReviewOptions"/>: the profile is the request's, else the
    /// configuration's HAMLET.PROFILE, else the default (the profile protect used, so its mask rules can be outlined).
    /// Throws <see cref="ArgumentException"/> without inputs, <see cref="ProfileFormatException"/> for a bad profile and
    /// <see cref="FileNotFoundException"/> for a profile file or run journal that is not there.
    /// </summary>
    public static class ReviewSetup
    {
        public static ReviewOptions Options(ReviewRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (request.Inputs == null || request.Inputs.Count == 0) throw new ArgumentException("A protected folder or archive to review is required.");
            string profile = request.Profile ?? request.Config?.Hamlet.Profile ?? DeidentificationProfile.DefaultName;
            if (request.JournalPath != null && !File.Exists(request.JournalPath) && !Directory.Exists(request.JournalPath))
                throw new FileNotFoundException("The run journal does not exist.", request.JournalPath);
            return new ReviewOptions
            {
                Inputs = request.Inputs.ToList(),
                OutputPath = request.OutputPath ?? ReviewReportBuilder.DefaultFileName,
                QuarantinePath = request.QuarantinePath,
                JournalPath = request.JournalPath,
                Profile = DeidentificationProfile.Resolve(profile),
            };
        }
    }
}
