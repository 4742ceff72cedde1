package io.tandem.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * T-Library message types with their T-Library numeric identifiers.
 *
 * <p>A name that is not listed here decodes as {@link #UNKNOWN}; the original name is kept in
 * {@link Message#name()} so that the server can say which message it did not recognise.
 */
public enum MessageType {
    REQUEST_REGISTER_CLIENT(0, "RequestRegisterClient"),
    REQUEST_QUERY_SERVER(1, "RequestQueryServer"),
    REQUEST_QUERY_ADDRESS(2, "RequestQueryAddress"),
    REQUEST_REGISTER_ADDRESS(3, "RequestRegisterAddress"),
    REQUEST_UNREGISTER_ADDRESS(4, "RequestUnregisterAddress"),
    REQUEST_REGISTER_ALL(5, "RequestRegisterAll"),
    REQUEST_UNREGISTER_ALL(6, "RequestUnregisterAll"),
    REQUEST_SET_INPUT_MASK(7, "RequestSetInputMask"),
    REQUEST_AGENT_LOGIN(8, "RequestAgentLogin"),
    REQUEST_AGENT_LOGOUT(9, "RequestAgentLogout"),
    REQUEST_AGENT_READY(10, "RequestAgentReady"),
    REQUEST_AGENT_NOT_READY(11, "RequestAgentNotReady"),
    REQUEST_SET_DND_ON(12, "RequestSetDNDOn"),
    REQUEST_SET_DND_OFF(13, "RequestSetDNDOff"),
    REQUEST_MAKE_CALL(14, "RequestMakeCall"),
    REQUEST_MAKE_PREDICTIVE_CALL(15, "RequestMakePredictiveCall"),
    REQUEST_ANSWER_CALL(16, "RequestAnswerCall"),
    REQUEST_RELEASE_CALL(17, "RequestReleaseCall"),
    REQUEST_HOLD_CALL(18, "RequestHoldCall"),
    REQUEST_RETRIEVE_CALL(19, "RequestRetrieveCall"),
    REQUEST_INITIATE_CONFERENCE(20, "RequestInitiateConference"),
    REQUEST_COMPLETE_CONFERENCE(21, "RequestCompleteConference"),
    REQUEST_DELETE_FROM_CONFERENCE(22, "RequestDeleteFromConference"),
    REQUEST_INITIATE_TRANSFER(23, "RequestInitiateTransfer"),
    REQUEST_MUTE_TRANSFER(24, "RequestMuteTransfer"),
    REQUEST_SINGLE_STEP_TRANSFER(25, "RequestSingleStepTransfer"),
    REQUEST_COMPLETE_TRANSFER(26, "RequestCompleteTransfer"),
    REQUEST_MERGE_CALLS(27, "RequestMergeCalls"),
    REQUEST_ALTERNATE_CALL(28, "RequestAlternateCall"),
    REQUEST_RECONNECT_CALL(29, "RequestReconnectCall"),
    REQUEST_ATTACH_USER_DATA(30, "RequestAttachUserData"),
    REQUEST_UPDATE_USER_DATA(31, "RequestUpdateUserData"),
    REQUEST_DELETE_USER_DATA(32, "RequestDeleteUserData"),
    REQUEST_DELETE_PAIR(33, "RequestDeletePair"),
    REQUEST_CALL_FORWARD_SET(34, "RequestCallForwardSet"),
    REQUEST_CALL_FORWARD_CANCEL(35, "RequestCallForwardCancel"),
    REQUEST_ROUTE_CALL(36, "RequestRouteCall"),
    REQUEST_DISTRIBUTE_USER_EVENT(48, "RequestDistributeUserEvent"),
    REQUEST_DISTRIBUTE_EVENT(49, "RequestDistributeEvent"),
    EVENT_SERVER_CONNECTED(50, "EventServerConnected"),
    EVENT_SERVER_DISCONNECTED(51, "EventServerDisconnected"),
    EVENT_ERROR(52, "EventError"),
    EVENT_REGISTERED(53, "EventRegistered"),
    EVENT_UNREGISTERED(54, "EventUnregistered"),
    EVENT_REGISTERED_ALL(55, "EventRegisteredAll"),
    EVENT_UNREGISTERED_ALL(56, "EventUnregisteredAll"),
    EVENT_QUEUED(57, "EventQueued"),
    EVENT_DIVERTED(58, "EventDiverted"),
    EVENT_ABANDONED(59, "EventAbandoned"),
    EVENT_RINGING(60, "EventRinging"),
    EVENT_DIALING(61, "EventDialing"),
    EVENT_NETWORK_REACHED(62, "EventNetworkReached"),
    EVENT_DESTINATION_BUSY(63, "EventDestinationBusy"),
    EVENT_ESTABLISHED(64, "EventEstablished"),
    EVENT_RELEASED(65, "EventReleased"),
    EVENT_HELD(66, "EventHeld"),
    EVENT_RETRIEVED(67, "EventRetrieved"),
    EVENT_PARTY_CHANGED(68, "EventPartyChanged"),
    EVENT_PARTY_ADDED(69, "EventPartyAdded"),
    EVENT_PARTY_DELETED(70, "EventPartyDeleted"),
    EVENT_ROUTE_REQUEST(71, "EventRouteRequest"),
    EVENT_ROUTE_USED(72, "EventRouteUsed"),
    EVENT_AGENT_LOGIN(73, "EventAgentLogin"),
    EVENT_AGENT_LOGOUT(74, "EventAgentLogout"),
    EVENT_AGENT_READY(75, "EventAgentReady"),
    EVENT_AGENT_NOT_READY(76, "EventAgentNotReady"),
    EVENT_DND_ON(77, "EventDNDOn"),
    EVENT_DND_OFF(78, "EventDNDOff"),
    EVENT_ATTACHED_DATA_CHANGED(85, "EventAttachedDataChanged"),
    EVENT_OFF_HOOK(86, "EventOffHook"),
    EVENT_ON_HOOK(87, "EventOnHook"),
    EVENT_FORWARD_SET(88, "EventForwardSet"),
    EVENT_FORWARD_CANCEL(89, "EventForwardCancel"),
    EVENT_ADDRESS_INFO(92, "EventAddressInfo"),
    EVENT_SERVER_INFO(93, "EventServerInfo"),
    EVENT_LINK_DISCONNECTED(94, "EventLinkDisconnected"),
    EVENT_LINK_CONNECTED(95, "EventLinkConnected"),
    EVENT_USER_EVENT(96, "EventUserEvent"),
    REQUEST_SEND_DTMF(97, "RequestSendDTMF"),
    EVENT_DTMF_SENT(98, "EventDTMFSent"),
    REQUEST_REDIRECT_CALL(103, "RequestRedirectCall"),
    REQUEST_QUERY_CALL(108, "RequestQueryCall"),
    EVENT_PARTY_INFO(109, "EventPartyInfo"),
    REQUEST_CLEAR_CALL(110, "RequestClearCall"),
    EVENT_HARDWARE_ERROR(117, "EventHardwareError"),
    REQUEST_QUERY_SWITCH(121, "RequestQuerySwitch"),
    EVENT_SWITCH_INFO(122, "EventSwitchInfo"),
    EVENT_PRIMARY_CHANGED(133, "EventPrimaryChanged"),
    REQUEST_LOST_BACKUP_CONNECTION(134, "RequestLostBackupConnection"),
    EVENT_ACK(138, "EventACK"),
    REQUEST_MONITOR_NEXT_CALL(139, "RequestMonitorNextCall"),
    EVENT_MONITORING_NEXT_CALL(140, "EventMonitoringNextCall"),
    REQUEST_CANCEL_MONITORING(141, "RequestCancelMonitoring"),
    EVENT_MONITORING_CANCELLED(142, "EventMonitoringCancelled"),
    REQUEST_SET_MUTE_ON(143, "RequestSetMuteOn"),
    REQUEST_SET_MUTE_OFF(144, "RequestSetMuteOff"),
    REQUEST_PRIVATE_SERVICE(149, "RequestPrivateService"),
    EVENT_PRIVATE_INFO(150, "EventPrivateInfo"),
    EVENT_DN_OUT_OF_SERVICE(147, "EventDNOutOfService"),
    EVENT_DN_BACK_IN_SERVICE(148, "EventDNBackInService"),
    /**
     * Keep-alive poll, either direction, outside T-Library's numbering: the peer answers {@link #PONG} at once. Sent
     * only on a connection that asked for keep-alive and has been idle (see docs/protocol.md, "Dead-client detection").
     */
    PING(9001, "Ping"),
    /** The answer to {@link #PING}. */
    PONG(9002, "Pong"),
    /** Any message name this server does not know. */
    UNKNOWN(-1, "Unknown");

    private static final Map<String, MessageType> BY_NAME = new HashMap<>();

    static {
        for (MessageType type : values()) {
            if (type != UNKNOWN) {
                BY_NAME.put(type.wireName, type);
            }
        }
    }

    private final int id;
    private final String wireName;

    MessageType(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The T-Library numeric identifier, or -1 for {@link #UNKNOWN}. */
    public int id() {
        return id;
    }

    /** The name used on the wire, for example {@code RequestRegisterAddress}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this is a request (sent by clients) rather than an event (sent by the server). */
    public boolean isRequest() {
        return wireName.startsWith("Request");
    }

    /** The type with this wire name, or {@link #UNKNOWN}. */
    public static MessageType fromWireName(String name) {
        return BY_NAME.getOrDefault(name, UNKNOWN);
    }
}
