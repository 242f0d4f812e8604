using HamletPS.Core.Network;
using Xunit;

namespace HamletPS.Core.Tests.Network
{
    public class SendFailureReportTests
    {
        private static SentDicomFile Failed(string reason, string path, string text) =>
            new SentDicomFile { FailureReason = reason, Path = path, Peer = "PACS@pacs:104", Status = "A700", StatusText = text };

        [Fact]
        public void AnUnreachablePeer_IsReportedOnce_ThenCounted()
        {
            var report = new SendFailureReport();
            Assert.Equal("Sending a.dcm to PACS@pacs:104 failed: connection refused", report.MessageFor(Failed("DicomSendFailed", "a.dcm", "connection refused")));
            Assert.Null(report.MessageFor(Failed("DicomSendFailed", "b.dcm", "connection refused")));
            Assert.Null(report.MessageFor(Failed("DicomSendFailed", "c.dcm", "connection refused")));
            Assert.NotNull(report.MessageFor(Failed("DicomSendFailed", "d.dcm", "timed out")));

            Assert.Equal(2, report.Suppressed);
            Assert.Equal("2 more files were not sent for the same reason: timed out", report.SuppressedMessage);
        }

        [Fact]
        public void RefusedAndInvalidFiles_AreEachReported()
        {
            var report = new SendFailureReport();
            Assert.Equal("PACS@pacs:104 refused a.dcm: status A700 out of resources", report.MessageFor(Failed("DicomStoreRefused", "a.dcm", "out of resources")));
            Assert.NotNull(report.MessageFor(Failed("DicomStoreRefused", "b.dcm", "out of resources")));
            Assert.Equal("x.dcm: not DICOM", report.MessageFor(Failed("InvalidDicomFile", "x.dcm", "not DICOM")));
            Assert.Null(report.SuppressedMessage);
        }
    }
}
