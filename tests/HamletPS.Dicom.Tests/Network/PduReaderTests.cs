using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Network;
using Xunit;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Tests.Network
{
    public class PduReaderTests
    {
        [Fact]
        public async Task Reader_RejectsHttpRequestBeforeAllocating()
        {
            var reader = new PduReader(new MemoryStream(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")), 65536);
            var e = await Assert.ThrowsAsync<PduFormatException>(() => reader.ReadAsync(CancellationToken.None));
            Assert.Contains("0x47", e.Message);                 // 'G' is no PDU type
            Assert.Equal(6, reader.Position);                  // only the header was read
            Assert.True(reader.Body.Length <= 256);            // the initial small buffer, nothing sized from the stream
        }

        [Theory]
        [InlineData(0x04, 0x7FFFFFFFu)]   // P-DATA-TF beyond our maximum PDU length
        [InlineData(0x01, 0x00100000u)]   // A-ASSOCIATE-RQ of 1 MiB
        [InlineData(0x05, 0x00000005u)]   // A-RELEASE-RQ must be 4
        [InlineData(0x04, 0x00000002u)]   // P-DATA-TF shorter than one PDV header
        public void HeaderCheck_RejectsLengthsOutsideTheTypeLimits(byte type, uint length)
        {
            Assert.Throws<PduFormatException>(() => PduReader.CheckHeader(type, length, 65536));
        }

        [Fact]
        public async Task Reader_ReportsTruncatedBody()
        {
            byte[] pdu = new ReleaseRequestPdu().Encode();
            var reader = new PduReader(new MemoryStream(pdu, 0, 8), 65536);
            await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadAsync(CancellationToken.None));
        }

        [Fact]
        public void StateTable_FollowsPs38Table910()
        {
            // A few rows checked against Table 9-10.
            Assert.Equal(UpperLayerAction.AE6, UpperLayerStateTable.ActionFor(UpperLayerState.Sta2, UpperLayerEvent.Evt6));
            Assert.Equal(UpperLayerAction.AA1, UpperLayerStateTable.ActionFor(UpperLayerState.Sta2, UpperLayerEvent.Evt10));
            Assert.Equal(UpperLayerAction.DT2, UpperLayerStateTable.ActionFor(UpperLayerState.Sta6, UpperLayerEvent.Evt10));
            Assert.Equal(UpperLayerAction.AA8, UpperLayerStateTable.ActionFor(UpperLayerState.Sta6, UpperLayerEvent.Evt6));
            Assert.Equal(UpperLayerAction.AR8, UpperLayerStateTable.ActionFor(UpperLayerState.Sta7, UpperLayerEvent.Evt12));
            Assert.Equal(UpperLayerAction.AR5, UpperLayerStateTable.ActionFor(UpperLayerState.Sta13, UpperLayerEvent.Evt17));
            Assert.Equal(UpperLayerAction.AA2, UpperLayerStateTable.ActionFor(UpperLayerState.Sta2, UpperLayerEvent.Evt18));
            Assert.Equal(UpperLayerAction.Undefined, UpperLayerStateTable.ActionFor(UpperLayerState.Sta1, UpperLayerEvent.Evt10));
        }

        [Fact]
        public void StateMachine_ReleaseCollision_RequestorGoesToSta9()
        {
            var fsm = new UpperLayerStateMachine(isRequestor: true);
            fsm.Fire(UpperLayerEvent.Evt1);
            fsm.Fire(UpperLayerEvent.Evt2);
            fsm.Fire(UpperLayerEvent.Evt3);
            Assert.Equal(UpperLayerState.Sta6, fsm.State);
            fsm.Fire(UpperLayerEvent.Evt11);
            Assert.Equal(UpperLayerState.Sta7, fsm.State);
            Assert.Equal(UpperLayerAction.AR8, fsm.Fire(UpperLayerEvent.Evt12));
            Assert.Equal(UpperLayerState.Sta9, fsm.State);
            Assert.Equal(UpperLayerAction.AR9, fsm.Fire(UpperLayerEvent.Evt14));
            Assert.Equal(UpperLayerAction.AR3, fsm.Fire(UpperLayerEvent.Evt13));
            Assert.Equal(UpperLayerState.Sta1, fsm.State);
        }

        [Fact]
        public void EchoRequestCommand_EncodesImplicitLittleEndianGroup0000()
        {
            byte[] expected = Convert.FromHexString(
                "0000000004000000" + "38000000" +                                   // (0000,0000) UL group length 56
                "0000020012000000" + Convert.ToHexString(Encoding.ASCII.GetBytes("1.2.840.10008.1.1")) + "00" + // (0000,0002) UI, NUL pad
                "0000000102000000" + "3000" +                                       // (0000,0100) US C-ECHO-RQ
                "0000100102000000" + "0700" +                                       // (0000,0110) US message ID 7
                "0000000802000000" + "0101");                                       // (0000,0800) US no data set
            Assert.Equal(expected, DimseCommand.EchoRequest(7).Encode());
            var back = DimseCommand.Decode(expected, 0, expected.Length);
            Assert.Equal(DimseCommandField.CEchoRequest, back.CommandField);
            Assert.Equal((ushort)7, back.MessageId);
            Assert.False(back.HasDataSet);
        }

        [Fact]
        public void Response_CutsErrorCommentTo64Characters()
        {
            var rsp = DimseCommand.ResponseTo(DimseCommand.EchoRequest(1), DimseStatus.OutOfResources, new string('x', 100));
            Assert.Equal(64, rsp.ErrorComment.Length);
            var back = DimseCommand.Decode(rsp.Encode(), 0, rsp.Encode().Length);
            Assert.Equal(64, back.ErrorComment.Length);
        }

        [Theory]
        [InlineData("1.2.3", true)]
        [InlineData("../../etc/passwd", false)]
        [InlineData("1.2.03", false)]
        [InlineData("1..2", false)]
        [InlineData("1.2.3/4", false)]
        public void UidValidation_GuardsFileNames(string uid, bool valid) => Assert.Equal(valid, DicomUids.IsValidUid(uid));
    }
}
