using System.Collections.Generic;
using S = HamletPS.Dicom.Network.UpperLayerState;
using E = HamletPS.Dicom.Network.UpperLayerEvent;
using A = HamletPS.Dicom.Network.UpperLayerAction;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The DICOM upper-layer state transition table (PS3.8 Table 9-10) as data: (state, event) → action, and each action's
    /// next state (Tables 9-6 to 9-9). Pairs missing from the table are protocol errors.
    /// </summary>
    public static class UpperLayerStateTable
    {
        private static readonly Dictionary<(S, E), A> Transitions = Build();

        /// <summary>The action for an event in a state, or <see cref="UpperLayerAction.Undefined"/>.</summary>
        public static A ActionFor(S state, E evt) => Transitions.TryGetValue((state, evt), out A a) ? a : A.Undefined;

        /// <summary>
        /// The state after an action. <paramref name="condition"/> selects the branch of the two conditional actions:
        /// AE-6 (true: the request is acceptable → Sta3, false → Sta13) and AR-8 (true: we are the association requestor → Sta9,
        /// false → Sta10).
        /// </summary>
        public static S NextState(A action, bool condition = true)
        {
            switch (action)
            {
                case A.AE1: return S.Sta4;
                case A.AE2: return S.Sta5;
                case A.AE3: return S.Sta6;
                case A.AE4: return S.Sta1;
                case A.AE5: return S.Sta2;
                case A.AE6: return condition ? S.Sta3 : S.Sta13;
                case A.AE7: return S.Sta6;
                case A.AE8: return S.Sta13;
                case A.DT1: return S.Sta6;
                case A.DT2: return S.Sta6;
                case A.AR1: return S.Sta7;
                case A.AR2: return S.Sta8;
                case A.AR3: return S.Sta1;
                case A.AR4: return S.Sta13;
                case A.AR5: return S.Sta1;
                case A.AR6: return S.Sta7;
                case A.AR7: return S.Sta8;
                case A.AR8: return condition ? S.Sta9 : S.Sta10;
                case A.AR9: return S.Sta11;
                case A.AR10: return S.Sta12;
                case A.AA1: return S.Sta13;
                case A.AA2: return S.Sta1;
                case A.AA3: return S.Sta1;
                case A.AA4: return S.Sta1;
                case A.AA5: return S.Sta1;
                case A.AA6: return S.Sta13;
                case A.AA7: return S.Sta13;
                case A.AA8: return S.Sta13;
                default: return S.Sta13;
            }
        }

        /// <summary>Every defined (state, event, action) triple, for documentation and tests.</summary>
        public static IEnumerable<KeyValuePair<(S State, E Event), A>> All => Transitions;

        private static Dictionary<(S, E), A> Build()
        {
            var t = new Dictionary<(S, E), A>();
            void Row(E e, params (S, A)[] cells)
            {
                foreach (var (s, a) in cells) t[(s, e)] = a;
            }
            // States Sta6..Sta12 share the same action for most PDU events ("protocol error after association").
            (S, A)[] During(A a) => new[] { (S.Sta6, a), (S.Sta7, a), (S.Sta8, a), (S.Sta9, a), (S.Sta10, a), (S.Sta11, a), (S.Sta12, a) };
            (S, A)[] Join((S, A)[] head, params (S, A)[] tail)
            {
                var list = new List<(S, A)>(head);
                list.AddRange(tail);
                return list.ToArray();
            }

            Row(E.Evt1, (S.Sta1, A.AE1));
            Row(E.Evt2, (S.Sta4, A.AE2));
            Row(E.Evt3, Join(During(A.AA8), (S.Sta2, A.AA1), (S.Sta3, A.AA8), (S.Sta5, A.AE3), (S.Sta13, A.AA6)));
            Row(E.Evt4, Join(During(A.AA8), (S.Sta2, A.AA1), (S.Sta3, A.AA8), (S.Sta5, A.AE4), (S.Sta13, A.AA6)));
            Row(E.Evt5, (S.Sta1, A.AE5));
            Row(E.Evt6, Join(During(A.AA8), (S.Sta2, A.AE6), (S.Sta3, A.AA8), (S.Sta5, A.AA8), (S.Sta13, A.AA7)));
            Row(E.Evt7, (S.Sta3, A.AE7));
            Row(E.Evt8, (S.Sta3, A.AE8));
            Row(E.Evt9, (S.Sta6, A.DT1), (S.Sta8, A.AR7));
            Row(E.Evt10, Join(During(A.AA8), (S.Sta2, A.AA1), (S.Sta3, A.AA8), (S.Sta5, A.AA8), (S.Sta13, A.AA6)));
            t[(S.Sta6, E.Evt10)] = A.DT2;
            t[(S.Sta7, E.Evt10)] = A.AR6;
            Row(E.Evt11, (S.Sta6, A.AR1));
            Row(E.Evt12, Join(During(A.AA8), (S.Sta2, A.AA1), (S.Sta3, A.AA8), (S.Sta5, A.AA8), (S.Sta13, A.AA6)));
            t[(S.Sta6, E.Evt12)] = A.AR2;
            t[(S.Sta7, E.Evt12)] = A.AR8;
            Row(E.Evt13, Join(During(A.AA8), (S.Sta2, A.AA1), (S.Sta3, A.AA8), (S.Sta5, A.AA8), (S.Sta13, A.AA6)));
            t[(S.Sta7, E.Evt13)] = A.AR3;
            t[(S.Sta10, E.Evt13)] = A.AR10;
            t[(S.Sta11, E.Evt13)] = A.AR3;
            Row(E.Evt14, (S.Sta8, A.AR4), (S.Sta9, A.AR9), (S.Sta12, A.AR4));
            Row(E.Evt15, Join(During(A.AA1), (S.Sta3, A.AA1), (S.Sta4, A.AA2), (S.Sta5, A.AA1)));
            Row(E.Evt16, Join(During(A.AA3), (S.Sta2, A.AA2), (S.Sta3, A.AA3), (S.Sta5, A.AA3), (S.Sta13, A.AA2)));
            Row(E.Evt17, Join(During(A.AA4), (S.Sta2, A.AA5), (S.Sta3, A.AA4), (S.Sta4, A.AA4), (S.Sta5, A.AA4), (S.Sta13, A.AR5)));
            Row(E.Evt18, (S.Sta2, A.AA2), (S.Sta13, A.AR5));
            Row(E.Evt19, Join(During(A.AA8), (S.Sta2, A.AA1), (S.Sta3, A.AA8), (S.Sta5, A.AA8), (S.Sta13, A.AA7)));
            return t;
        }
    }
}
