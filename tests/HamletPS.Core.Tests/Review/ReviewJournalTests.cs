using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using HamletPS.Core.Pipeline;
using HamletPS.Core.Review;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>
    /// The page counts what a pipeline run held back, from its run journal, by reason id only: the journal's messages (which may
    /// quote a header value) never reach the page, and a reason that is not one of our error ids is not shown.
    /// </summary>
    public sealed class ReviewJournalTests
    {
        [Fact]
        public void Review_WithTheRunJournal_CountsHeldBackFilesByReasonId_AndShowsNoMessage()
        {
            var (study, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-journal", slices: 3);
            keys.Dispose();
            string logs = Path.Combine(scratch, "logs");
            using (RunJournal older = RunJournal.Open(logs, "run-20260101-000000-00000000"))
                older.Write("protect-failed", new Dictionary<string, object> { ["reason"] = ErrorIds.ResidualIdentifier });
            const string runId = "run-20261206-210000-abcdef12";
            using (RunJournal journal = RunJournal.Open(logs, runId))
            {
                journal.Write("run-start");
                foreach (string reason in new[] { ErrorIds.PixelIdentifierRisk, ErrorIds.PixelIdentifierRisk, ErrorIds.PixelDataNotMaskable, CanaryStudy.PatientId })
                    journal.Write("protect-failed", new Dictionary<string, object>
                    {
                        ["sourceSha256"] = "ab", ["reason"] = reason, ["message"] = "withheld: " + CanaryStudy.FamilyName + " " + CanaryStudy.PatientId,
                    });
                journal.Write("pixel-dropped", new Dictionary<string, object> { ["sourceSha256"] = "cd" });
                journal.Write("protected", new Dictionary<string, object> { ["studyId"] = "X" });
            }
            string html = Path.Combine(scratch, "review.html");

            ReviewReportResult result = ReviewReportBuilder.Build(new ReviewOptions { Inputs = new[] { tree }, OutputPath = html, JournalPath = logs });

            Assert.Equal(5, result.HeldBack); // the newest journal only
            string text = File.ReadAllText(html);
            Assert.Contains("Held back by the run " + runId, text);
            Assert.Matches(new Regex("protect refused: PixelIdentifierRisk</td><td>2</td>"), text);
            Assert.Matches(new Regex("protect refused: PixelDataNotMaskable</td><td>1</td>"), text);
            Assert.Matches(new Regex("protect refused: \\(another reason\\)</td><td>1</td>"), text);
            Assert.Matches(new Regex("dropped by a pixel rule \\(action: drop\\)</td><td>1</td>"), text);
            Assert.DoesNotContain(ErrorIds.ResidualIdentifier, text);
            Assert.DoesNotContain("withheld:", text);
            ReviewTestSupport.AssertNoCanary(study, html);
        }
    }
}
