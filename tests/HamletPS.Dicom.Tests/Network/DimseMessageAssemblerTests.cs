using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using Xunit;

namespace HamletPS.Dicom.Tests.Network
{
    public class DimseMessageAssemblerTests
    {
        private const byte Ct = 1, Mr = 3, Refused = 5;

        private static readonly Dictionary<byte, PresentationContext> Contexts = new Dictionary<byte, PresentationContext>
        {
            [Ct] = new PresentationContext(Ct, DicomUids.CTImageStorage, DicomUids.ExplicitVRLittleEndian, PresentationContextResult.Acceptance),
            [Mr] = new PresentationContext(Mr, DicomUids.MRImageStorage, DicomUids.ExplicitVRLittleEndian, PresentationContextResult.Acceptance),
            [Refused] = new PresentationContext(Refused, DicomUids.RTPlanStorage, null, PresentationContextResult.AbstractSyntaxNotSupported),
        };

        private sealed class MemorySink : IDataSetSink
        {
            public MemoryStream Bytes { get; } = new MemoryStream();

            public int Writes { get; private set; }

            public void Write(byte[] buffer, int offset, int count)
            {
                Bytes.Write(buffer, offset, count);
                Writes++;
            }
        }

        private static PresentationDataValue Pdv(byte context, bool command, bool last, byte[] data, int offset, int count) =>
            new PresentationDataValue(context, command, last, new ArraySegment<byte>(data, offset, count));

        /// <summary>Splits <paramref name="bytes"/> into PDVs of at most <paramref name="size"/> bytes, the last one flagged.</summary>
        private static List<PresentationDataValue> Fragments(byte context, bool command, byte[] bytes, int size)
        {
            var list = new List<PresentationDataValue>();
            for (int at = 0; at < bytes.Length; at += size)
            {
                int n = Math.Min(size, bytes.Length - at);
                list.Add(Pdv(context, command, at + n == bytes.Length, bytes, at, n));
            }
            return list;
        }

        private static byte[] SyntheticDataSet(int length)
        {
            var bytes = new byte[length];
            new Random(17).NextBytes(bytes);
            return bytes;
        }

        [Fact]
        public void StoreRequest_FragmentedAcrossPdus_IsReassembledWithItsDataSetStreamedToTheSink()
        {
            DimseCommand request = DimseCommand.StoreRequest(7, DicomUids.CTImageStorage, "1.2.826.0.1.3680043.10.1234.1");
            byte[] command = request.Encode();
            byte[] dataSet = SyntheticDataSet(10000);
            List<PresentationDataValue> commandPdvs = Fragments(Ct, true, command, 40);
            List<PresentationDataValue> dataPdvs = Fragments(Ct, false, dataSet, 3000);
            Assert.True(commandPdvs.Count > 2);
            Assert.Equal(4, dataPdvs.Count);

            var sink = new MemorySink();
            DimseCommand askedFor = null;
            PresentationContext askedOn = null;
            var assembler = new DimseMessageAssembler(Contexts, (cmd, ctx) => { askedFor = cmd; askedOn = ctx; return sink; });

            // PDU 1: the first command fragments; PDU 2: the rest of the command and the first data set fragment (one PDU may
            // carry both, PS3.8 9.3.5.1); then one PDU per remaining data set fragment.
            Assert.Null(assembler.Add(commandPdvs.Take(2)));
            Assert.Null(askedFor);
            Assert.Null(assembler.Add(commandPdvs.Skip(2).Concat(dataPdvs.Take(1))));
            Assert.NotNull(askedFor);
            Assert.Same(Contexts[Ct], askedOn);
            Assert.Null(assembler.Add(dataPdvs.Skip(1).Take(1)));
            Assert.Null(assembler.Add(dataPdvs.Skip(2).Take(1)));
            DimseMessage message = assembler.Add(dataPdvs.Skip(3));

            Assert.NotNull(message);
            Assert.Equal(DimseCommandField.CStoreRequest, message.Command.CommandField);
            Assert.Equal((ushort?)7, message.Command.MessageId);
            Assert.Equal("1.2.826.0.1.3680043.10.1234.1", message.Command.AffectedSopInstanceUid);
            Assert.Same(Contexts[Ct], message.Context);
            Assert.Same(sink, message.DataSet);
            Assert.Equal(dataSet.Length, message.DataSetLength);
            Assert.Equal(dataSet, sink.Bytes.ToArray());
            Assert.Equal(4, sink.Writes);                       // fragment by fragment, never gathered first
        }

        [Fact]
        public void EchoRequest_IsCompleteAtItsLastCommandFragment_WithoutAskingForASink()
        {
            byte[] command = DimseCommand.EchoRequest(3).Encode();
            bool asked = false;
            var assembler = new DimseMessageAssembler(Contexts, (cmd, ctx) => { asked = true; return null; });

            List<PresentationDataValue> pdvs = Fragments(Ct, true, command, 16);
            Assert.Null(assembler.Add(pdvs.Take(pdvs.Count - 1)));
            DimseMessage message = assembler.Add(pdvs.Skip(pdvs.Count - 1));

            Assert.Equal(DimseCommandField.CEchoRequest, message.Command.CommandField);
            Assert.Null(message.DataSet);
            Assert.Equal(0, message.DataSetLength);
            Assert.False(asked);
        }

        [Fact]
        public void DataSetWithoutASink_IsCountedAndDropped()
        {
            byte[] command = DimseCommand.StoreRequest(1, DicomUids.CTImageStorage, "1.2.3").Encode();
            var assembler = new DimseMessageAssembler(Contexts, (cmd, ctx) => null);
            DimseMessage message = assembler.Add(Fragments(Ct, true, command, 1000).Concat(Fragments(Ct, false, SyntheticDataSet(500), 200)));
            Assert.Equal(500, message.DataSetLength);
            Assert.Null(message.DataSet);
        }

        public static IEnumerable<object[]> BadSequences()
        {
            byte[] store = DimseCommand.StoreRequest(1, DicomUids.CTImageStorage, "1.2.3").Encode();
            byte[] echo = DimseCommand.EchoRequest(2).Encode();
            byte[] data = SyntheticDataSet(100);
            yield return new object[] { "data set fragment before its command", new[] { Pdv(Ct, false, true, data, 0, 100) } };
            yield return new object[] { "command fragment where data set fragments were expected",
                Fragments(Ct, true, store, 1000).Concat(new[] { Pdv(Ct, false, false, data, 0, 50), Pdv(Ct, true, true, echo, 0, echo.Length) }).ToArray() };
            yield return new object[] { "which was not accepted", new[] { Pdv(Refused, true, true, echo, 0, echo.Length) } };
            yield return new object[] { "which was not accepted", new[] { Pdv(9, true, true, echo, 0, echo.Length) } };
            yield return new object[] { "different presentation contexts interleaved",
                Fragments(Ct, true, store, 1000).Concat(new[] { Pdv(Mr, false, true, data, 0, 100) }).ToArray() };
            yield return new object[] { "different presentation contexts interleaved",
                new[] { Pdv(Ct, true, false, store, 0, 10), Pdv(Mr, true, true, store, 10, store.Length - 10) } };
            yield return new object[] { "asynchronous window is 1",
                new[] { Pdv(Ct, true, true, echo, 0, echo.Length), Pdv(Ct, true, true, echo, 0, echo.Length) } };
        }

        [Theory]
        [MemberData(nameof(BadSequences))]
        public void FragmentOutOfSequence_IsRefusedAsAProtocolError(string reason, PresentationDataValue[] pdvs)
        {
            var assembler = new DimseMessageAssembler(Contexts, (cmd, ctx) => new MemorySink());
            var e = Assert.Throws<PduFormatException>(() => assembler.Add(pdvs));
            Assert.Contains(reason, e.Message);
        }

        [Fact]
        public void CommandSetBeyondTheLimit_IsRefusedBeforeItIsBuffered()
        {
            var assembler = new DimseMessageAssembler(Contexts, (cmd, ctx) => null);
            var chunk = new byte[16 * 1024];
            for (int i = 0; i < 4; i++) Assert.Null(assembler.Add(new[] { Pdv(Ct, true, false, chunk, 0, chunk.Length) }));   // 64 KiB: at the limit
            var e = Assert.Throws<PduFormatException>(() => assembler.Add(new[] { Pdv(Ct, true, true, chunk, 0, 1) }));
            Assert.Contains("command set longer than " + DimseCommand.MaxEncodedLength, e.Message);
        }
    }
}
