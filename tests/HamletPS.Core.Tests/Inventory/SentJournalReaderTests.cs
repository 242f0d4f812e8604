using System.IO;
using System.Linq;
using HamletPS.Core;
using HamletPS.Core.Inventory;
using Xunit;

namespace HamletPS.Core.Tests.Inventory
{
    public class SentJournalReaderTests
    {
        private const string Protected = "{\"time\":\"2026-01-02T03:04:05.000Z\",\"run\":\"r\",\"event\":\"protected\",\"sourceSha256\":\"aa\",\"studyId\":\"999_1001\",\"sopInstanceUid\":\"2.25.1\"}";
        private const string Complete = "{\"time\":\"2026-01-02T03:05:00.000Z\",\"run\":\"r\",\"event\":\"run-complete\"}";

        private static string Journal(TempFolder temp, string name, string text)
        {
            string path = Path.Combine(temp.Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        [Fact]
        public void ACompletedRun_GivesItsProtectedInstances_WithTheStudyIdAndTheTimeItCompleted()
        {
            using var temp = new TempFolder("inventory-journal");
            Journal(temp, "run-20260102-030405-aaaaaaaa.jsonl", Protected + "\n" + Complete + "\n");

            SentRecord r = Assert.Single(SentJournalReader.Read(temp.Path));

            Assert.Equal("2.25.1", r.ProtectedSopInstanceUid);
            Assert.Equal("999_1001", r.StudyId);
            Assert.Equal(new System.DateTime(2026, 1, 2, 3, 5, 0, System.DateTimeKind.Utc), r.SentUtc);
        }

        [Fact]
        public void ARunThatDidNotComplete_GivesNothing_AndItsTornLastLineIsPassedOver()
        {
            using var temp = new TempFolder("inventory-journal");
            Journal(temp, "run-20260102-030405-aaaaaaaa.jsonl", Protected + "\n{\"time\":\"2026-01-02T03:0");

            Assert.Empty(SentJournalReader.Read(temp.Path));
        }

        [Fact]
        public void ALineThatIsNotJson_BeforeTheEnd_StopsWithSentRecordUnreadableNamingFileAndLine()
        {
            using var temp = new TempFolder("inventory-journal");
            string path = Journal(temp, "run-20260102-030405-aaaaaaaa.jsonl", Protected + "\n{broken\n" + Complete + "\n");

            var e = Assert.Throws<HamletException>(() => SentJournalReader.Read(temp.Path).ToList());

            Assert.Equal(ErrorIds.SentRecordUnreadable, e.ErrorId);
            Assert.True(e.IsSetup);
            Assert.Contains(path + " line 2", e.Message);
        }

        [Fact]
        public void AJournalThatIsNotUtf8_StopsWithSentRecordUnreadable()
        {
            using var temp = new TempFolder("inventory-journal");
            string path = Path.Combine(temp.Path, "run-20260102-030405-aaaaaaaa.jsonl");
            File.WriteAllBytes(path, new byte[] { 0x7B, 0xFF, 0xFE, 0x7D, 0x0A });

            var e = Assert.Throws<HamletException>(() => SentJournalReader.Read(temp.Path).ToList());

            Assert.Equal(ErrorIds.SentRecordUnreadable, e.ErrorId);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void AMissingLogsFolder_GivesNothing()
        {
            using var temp = new TempFolder("inventory-journal");
            Assert.Empty(SentJournalReader.Read(Path.Combine(temp.Path, "absent")));
        }
    }
}
