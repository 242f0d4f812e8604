using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Network;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;
using static HamletPS.Cli.Tests.LoopbackPeers;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// Values, UIDs, AE titles and file names from senders reach the terminal and logs with their control characters escaped
    /// (\xHH, \uHHHH): a newline cannot forge a line, an escape sequence cannot reach the terminal. JSON lines are escaped by
    /// the serializer.
    /// </summary>
    public sealed class LogInjectionTests : ScratchFolderTest
    {
        private const string Esc = "\u001b";
        private const string HostileText = "SYN\nRCV: forged.dcm\r" + Esc + "[31mred\0nul\u007f\u009b\u202Eevil\u2028";

        public LogInjectionTests() : base("hamlet-inject-") => Directory.CreateDirectory(Root);

        [Fact]
        public void Inspect_TextOutput_EscapesControlCharactersOfValuesAndFileNames()
        {
            string path = WriteFile(Path.Combine(Root, "name\nwith " + Esc + "[2J.dcm"), "2.25.4242");

            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(0, InspectVerb.Run(new[] { Root }, false, null, false, false, new CliOutput(stdout, stderr)));
            Assert.Equal(0, InspectVerb.Run(new[] { Root }, false, null, true, false, new CliOutput(stdout, stderr)));

            string text = stdout.ToString();
            AssertNoRawControl(text);
            Assert.Contains("name\\x0Awith \\x1B[2J.dcm", text);
            Assert.Contains("(0010,0020) LO [SYN\\x0ARCV: forged.dcm\\x0D\\x1B[31mred\\x00nul\\x7F\\x9B\\u202Eevil\\u2028]", text);
            Assert.DoesNotContain(text.Split('\n'), l => l.StartsWith("RCV:", StringComparison.Ordinal));
            // one summary line, then one line per element: the hostile values added none
            var file = DicomFile.Open(path);
            Assert.Equal(1 + file.FileMetaInformation.Count + file.Dataset.Count, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal("", stderr.ToString());
        }

        [Fact]
        public void Inspect_Json_LeavesNoRawControlCharacter_AndKeepsTheValue()
        {
            WriteFile(Path.Combine(Root, "a.dcm"), "2.25.4243");
            var stdout = new StringWriter();
            Assert.Equal(0, InspectVerb.Run(new[] { Root }, false, null, true, true, new CliOutput(stdout, new StringWriter())));
            string json = stdout.ToString();
            AssertNoRawControl(json);
            var ids = json.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("Keyword").GetString() == "PatientID")
                .Select(e => e.GetProperty("Value").GetString()).ToList();
            Assert.Equal(HostileText, Assert.Single(ids));
        }

        [Fact]
        public async Task Receive_RefusedLine_EscapesTheSendersUid()
        {
            string sent = Path.Combine(Root, "sent");
            Directory.CreateDirectory(sent);
            WriteFile(Path.Combine(sent, "bad.dcm"), "1.2.3\nRCV: forged.dcm");
            string rx = Path.Combine(Root, "incoming");
            int port = FreePort();
            var stdout = new SyncWriter();
            var stderr = new SyncWriter();
            using var cts = new CancellationTokenSource();
            var options = new DicomReceiverOptions { Folder = rx, Port = port, AETitle = "HAMLETPS", AcceptAllStorageClasses = true };
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(stdout, stderr), cts.Token));
            try
            {
                WaitForPort(port);
                var peer = new DicomPeer { ComputerName = "127.0.0.1", Port = port, CalledAETitle = "HAMLETPS" };
                var sendOut = new SyncWriter();
                var sendErr = new SyncWriter();
                SendVerb.Run(new[] { sent }, false, peer, false, false, new CliOutput(sendOut, sendErr), CancellationToken.None);
                Assert.True(WaitUntil(() => stderr.Text.Contains("refused")), stderr.Text + stdout.Text + "\nsend: " + sendOut.Text + sendErr.Text);
            }
            finally
            {
                cts.Cancel();
            }
            await run;
            string all = stdout.Text + stderr.Text;
            AssertNoRawControl(all);
            Assert.Contains("refused 1.2.3\\x0ARCV: forged.dcm from ", stderr.Text);
            Assert.DoesNotContain(all.Split('\n'), l => l.StartsWith("RCV:", StringComparison.Ordinal));
        }

        private static string WriteFile(string path, string sopInstanceUid)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, sopInstanceUid);
            ds.AddOrUpdate(DicomTags.Modality, "OT");
            ds.AddOrUpdate(DicomTags.PatientID, HostileText);
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            return path;
        }

        /// <summary>A StringWriter safe to write from the receiver's threads and read from the test.</summary>
        private sealed class SyncWriter : StringWriter
        {
            public string Text { get { lock (this) return ToString(); } }

            public override void Write(char value) { lock (this) base.Write(value); }

            public override void Write(string value) { lock (this) base.Write(value); }

            public override void WriteLine(string value) { lock (this) base.WriteLine(value); }
        }

        /// <summary>No C0 (but the line feeds between lines), DEL, C1, line separator or bidi control left raw.</summary>
        private static void AssertNoRawControl(string output)
        {
            foreach (char c in output)
            {
                bool bad = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' ||
                           (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
                Assert.False(bad, "raw U+" + ((int)c).ToString("X4") + " in output:\n" + output);
            }
        }
    }
}
