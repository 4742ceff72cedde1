package io.tandem.switchlink;

import java.util.Objects;

/**
 * One call-control verb for the switch.
 *
 * @param verb what to do
 * @param dn the directory number acting (the caller, the answering or releasing party...)
 * @param callId the call acted on (for MAKE_CALL: 0)
 * @param otherCallId the second call (COMPLETE_TRANSFER, COMPLETE_CONFERENCE, ALTERNATE, RECONNECT: the consultation
 *     or the held call), else 0
 * @param destination the number to call (MAKE_CALL, CONSULT_*, SINGLE_STEP_TRANSFER), else null
 * @param digits DTMF digits (SEND_DTMF), else null
 * @param correlation returned in every call event the verb causes
 */
public record CallRequest(Verb verb, String dn, long callId, long otherCallId, String destination, String digits, long correlation) {

    /** Call-control verbs, as in JTAPI/CSTA. */
    public enum Verb {
        /** Call {@code destination} from {@code dn}; the result is the new call ID. */
        MAKE_CALL,
        /** Answer the call ringing at {@code dn}. */
        ANSWER,
        /** {@code dn} leaves the call. */
        RELEASE,
        /** {@code dn} holds the call. */
        HOLD,
        /** {@code dn} retrieves the held call. */
        RETRIEVE,
        /** Hold the call and call {@code destination} to consult before a transfer; the result is the consultation call ID. */
        CONSULT_TRANSFER,
        /** Hold the call and call {@code destination} to consult before a conference; the result is the consultation call ID. */
        CONSULT_CONFERENCE,
        /** Connect the held call ({@code callId}) with the consultation call ({@code otherCallId}) and leave both. */
        COMPLETE_TRANSFER,
        /** Join the consultation call ({@code otherCallId}) into the held call ({@code callId}). */
        COMPLETE_CONFERENCE,
        /** Transfer the call to {@code destination} without consultation. */
        SINGLE_STEP_TRANSFER,
        /** Hold the active call ({@code callId}) and retrieve the held one ({@code otherCallId}). */
        ALTERNATE,
        /** Release the consultation call ({@code otherCallId}) and retrieve the held call ({@code callId}). */
        RECONNECT,
        /** Send DTMF {@code digits} on the call. */
        SEND_DTMF,
        /** The call ringing at {@code dn} goes to {@code destination} without being answered (JTAPI redirect). */
        REDIRECT,
        /** Every party of the call is released. */
        CLEAR,
        /** {@code dn} removes party {@code destination} from its conference (three parties or more). */
        DELETE_PARTY,
        /** Consult {@code destination} and complete the transfer at once, without waiting for it to answer. */
        MUTE_TRANSFER,
        /**
         * The route point {@code dn} routes the call waiting there to {@code destination} (JTAPI
         * {@code RouteSession.selectRoute}). A destination that cannot take the call ends the route session (no re-route, as
         * on CUCM): the caller gets busy and the verb fails with DESTINATION_BUSY.
         */
        SELECT_ROUTE,
        /** The route point {@code dn} ends the route session of the call waiting there: the caller gets busy (JTAPI {@code endRoute}). */
        END_ROUTE
    }

    /** Checks the verb and DN are given. */
    public CallRequest {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(dn, "dn");
    }
}
