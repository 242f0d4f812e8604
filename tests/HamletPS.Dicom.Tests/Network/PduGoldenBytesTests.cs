using System;
using System.Linq;
using HamletPS.Dicom.Network;
using Xunit;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>PDU encodings compared with bytes worked out by hand from PS3.8 9.3 (each group commented with its clause).</summary>
    public class PduGoldenBytesTests
    {
        private static byte[] Hex(params string[] groups) =>
            string.Concat(groups).Replace(" ", "").Select((c, i) => i).Where(i => i % 2 == 0)
                .Select(i => Convert.ToByte(string.Concat(groups).Replace(" ", "").Substring(i, 2), 16)).ToArray();

        private static string Ascii(string s) => string.Concat(s.Select(c => ((byte)c).ToString("X2")));

        private static readonly byte[] AssociateRequestGolden = Hex(
            "01 00", "00 00 00 AA",                          // 9.3.2: PDU type 01, reserved, PDU length 170
            "00 01", "00 00",                                 // protocol version bit 0, reserved
            Ascii("ANY-SCP         "),                        // called AE title, 16 bytes space padded
            Ascii("ECHOSCU         "),                        // calling AE title
            new string('0', 64),                              // 32 reserved bytes
            "10 00 00 15", Ascii("1.2.840.10008.3.1.1.1"),   // 9.3.2.1: application context item, length 21
            "20 00 00 2E", "01 00 00 00",                     // 9.3.2.2: presentation context item, length 46, ID 1, 3 reserved
            "30 00 00 11", Ascii("1.2.840.10008.1.1"),       // 9.3.2.2.1: abstract syntax sub-item (Verification)
            "40 00 00 11", Ascii("1.2.840.10008.1.2"),       // 9.3.2.2.2: transfer syntax sub-item (Implicit VR LE)
            "50 00 00 17",                                    // 9.3.2.3: user information item, length 23
            "51 00 00 04 00 00 40 00",                        // D.1: maximum length 16384
            "52 00 00 05", Ascii("1.2.3"),                    // D.3.3.2: implementation class UID
            "55 00 00 02", Ascii("V1"));                      // D.3.3.2: implementation version name

        private static AssociateRequestPdu SampleRequest()
        {
            var rq = new AssociateRequestPdu { CalledAeTitle = "ANY-SCP", CallingAeTitle = "ECHOSCU" };
            rq.PresentationContexts.Add(new PresentationContextRequestItem(1, "1.2.840.10008.1.1", new[] { "1.2.840.10008.1.2" }));
            rq.UserInformation.MaximumLength = 16384;
            rq.UserInformation.ImplementationClassUid = "1.2.3";
            rq.UserInformation.ImplementationVersionName = "V1";
            return rq;
        }

        [Fact]
        public void AssociateRequest_EncodesAsPs38Clause932()
        {
            Assert.Equal(176, AssociateRequestGolden.Length);
            Assert.Equal(AssociateRequestGolden, SampleRequest().Encode());
        }

        [Fact]
        public void AssociateRequest_DecodesGoldenBytes()
        {
            var rq = Assert.IsType<AssociateRequestPdu>(Pdu.Decode(AssociateRequestGolden));
            Assert.Equal("ANY-SCP", rq.CalledAeTitle);
            Assert.Equal("ECHOSCU", rq.CallingAeTitle);
            Assert.Equal("1.2.840.10008.3.1.1.1", rq.ApplicationContext.Name);
            var pc = Assert.Single(rq.PresentationContexts);
            Assert.Equal(1, pc.Id);
            Assert.Equal("1.2.840.10008.1.1", pc.AbstractSyntax);
            Assert.Equal(new[] { "1.2.840.10008.1.2" }, pc.TransferSyntaxes);
            Assert.Equal(16384u, rq.UserInformation.MaximumLength);
            Assert.Equal("1.2.3", rq.UserInformation.ImplementationClassUid);
            Assert.Equal("V1", rq.UserInformation.ImplementationVersionName);
        }

        [Fact]
        public void AssociateAccept_EncodesAsPs38Clause933()
        {
            var ac = new AssociateAcceptPdu { CalledAeTitle = "ANY-SCP", CallingAeTitle = "ECHOSCU" };
            ac.PresentationContexts.Add(new PresentationContextAcceptItem(1, PresentationContextResult.Acceptance, "1.2.840.10008.1.2"));
            ac.UserInformation.MaximumLength = 65536;
            ac.UserInformation.MaxOperationsInvoked = 1;
            ac.UserInformation.MaxOperationsPerformed = 1;
            byte[] golden = Hex(
                "02 00", "00 00 00 8E",                        // 9.3.3: PDU type 02, length 142
                "00 01 00 00", Ascii("ANY-SCP         "), Ascii("ECHOSCU         "), new string('0', 64),
                "10 00 00 15", Ascii("1.2.840.10008.3.1.1.1"),
                "21 00 00 19", "01 00 00 00",                 // 9.3.3.2: presentation context item (AC), ID 1, result 0 acceptance
                "40 00 00 11", Ascii("1.2.840.10008.1.2"),     // transfer syntax sub-item
                "50 00 00 10",                                 // user information, length 16
                "51 00 00 04 00 01 00 00",                     // D.1: maximum length 65536
                "53 00 00 04 00 01 00 01");                    // D.3.3.3: asynchronous operations window 1/1
            Assert.Equal(golden, ac.Encode());
            var back = Assert.IsType<AssociateAcceptPdu>(Pdu.Decode(golden));
            Assert.Equal(PresentationContextResult.Acceptance, back.PresentationContexts[0].Result);
            Assert.Equal(1, back.UserInformation.MaxOperationsInvoked);
        }

        [Fact]
        public void AssociateReject_LocalLimitExceeded_IsTransientFromPresentationProvider()
        {
            // 9.3.4, Table 9-21: reserved, result 2 (transient), source 3 (service-provider presentation), reason 2 (local limit)
            Assert.Equal(Hex("03 00 00 00 00 04", "00 02 03 02"), AssociateRejectPdu.LocalLimitExceeded().Encode());
            Assert.Equal(Hex("03 00 00 00 00 04", "00 01 01 03"), AssociateRejectPdu.CallingAeNotRecognized().Encode());
        }

        [Fact]
        public void ReleaseAndAbort_EncodeAsPs38Clauses936To938()
        {
            Assert.Equal(Hex("05 00 00 00 00 04 00 00 00 00"), new ReleaseRequestPdu().Encode());
            Assert.Equal(Hex("06 00 00 00 00 04 00 00 00 00"), new ReleaseResponsePdu().Encode());
            // 9.3.8: two reserved bytes, source 2 (service provider), reason 2 (unexpected PDU)
            Assert.Equal(Hex("07 00 00 00 00 04 00 00 02 02"), new AbortPdu(AbortPdu.SourceServiceProvider, AbortPdu.ReasonUnexpectedPdu).Encode());
        }

        [Fact]
        public void PDataTransfer_EncodesPdvWithMessageControlHeader()
        {
            var pdu = new PDataTransferPdu();
            pdu.Values.Add(new PresentationDataValue(1, true, true, new ArraySegment<byte>(new byte[] { 0xAA, 0xBB, 0xCC, 0xDD })));
            pdu.Values.Add(new PresentationDataValue(1, false, false, new ArraySegment<byte>(new byte[] { 0x11, 0x22 })));
            byte[] golden = Hex(
                "04 00 00 00 00 12",                           // 9.3.5: PDU type 04, length 18
                "00 00 00 06 01 03 AA BB CC DD",                // 9.3.5.1: PDV length 6, context 1, E.2 header 03 (command, last)
                "00 00 00 04 01 00 11 22");                     // PDV length 4, context 1, header 00 (data set, not last)
            Assert.Equal(golden, pdu.Encode());
            var back = Assert.IsType<PDataTransferPdu>(Pdu.Decode(golden));
            Assert.True(back.Values[0].IsCommand && back.Values[0].IsLast);
            Assert.False(back.Values[1].IsCommand || back.Values[1].IsLast);
            Assert.Equal(new byte[] { 0x11, 0x22 }, back.Values[1].Data.ToArray());
        }

        [Fact]
        public void UserInformation_RoleSelectionAndUserIdentity_RoundTrip()
        {
            var rq = SampleRequest();
            rq.UserInformation.RoleSelections.Add(new RoleSelectionSubItem("1.2.840.10008.5.1.4.1.1.2", true, false));
            rq.UserInformation.UserIdentityRequest = new UserIdentityRequestSubItem(1, true, System.Text.Encoding.ASCII.GetBytes("site"), null);
            byte[] bytes = rq.Encode();
            // D.3.3.4: 54 00, item length 29, UID length 25, UID, SCU role 1, SCP role 0
            byte[] role = Hex("54 00 00 1D 00 19", Ascii("1.2.840.10008.5.1.4.1.1.2"), "01 00");
            Assert.True(Contains(bytes, role));
            // D.3.3.7.1: 58 00, length 10, type 1, positive response 1, primary length 4, "site", secondary length 0
            Assert.True(Contains(bytes, Hex("58 00 00 0A 01 01 00 04", Ascii("site"), "00 00")));
            var back = (AssociateRequestPdu)Pdu.Decode(bytes);
            Assert.True(back.UserInformation.RoleSelections[0].ScuRole);
            Assert.Equal("site", System.Text.Encoding.ASCII.GetString(back.UserInformation.UserIdentityRequest.PrimaryField));
        }

        [Fact]
        public void Decode_RejectsItemLengthBeyondPdu()
        {
            byte[] bad = (byte[])AssociateRequestGolden.Clone();
            bad[74 + 3] = 0xFF;                                 // application context item length 0x00FF > what remains
            Assert.Throws<PduFormatException>(() => Pdu.Decode(bad));
        }

        private static bool Contains(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
                if (hay.Skip(i).Take(needle.Length).SequenceEqual(needle)) return true;
            return false;
        }
    }
}
