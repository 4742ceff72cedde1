package io.tandem.server.dn;

import io.tandem.server.config.DnType;
import io.tandem.switchlink.DeviceType;

/** A DN this server serves, and what it knows of the switch device behind it. Core thread only. */
public final class DirectoryNumber {

    private final String number;
    private final DnType type;
    private String device;
    private DeviceType deviceType;
    private boolean deviceInService;
    private String loggedInUser;
    private RemoteTerminal terminal;
    private ServiceView reported;

    DirectoryNumber(String number, DnType type) {
        this.number = number;
        this.type = type;
        this.reported = ServiceView.outOfService(OutOfServiceReason.LinkDown);
    }

    /** The directory number. */
    public String number() {
        return number;
    }

    /** The configured DN type. */
    public DnType type() {
        return type;
    }

    /** The switch device name, or null when no controlled device has this DN. */
    public String device() {
        return device;
    }

    /** Whether the DN is on a CTI remote device. */
    public boolean isRemoteTerminal() {
        return terminal != null;
    }

    /** The remote terminal state, or null when the DN is not on a CTI remote device. */
    public RemoteTerminal terminal() {
        return terminal;
    }

    /** Whether the switch reports the device in service. */
    public boolean deviceInService() {
        return deviceInService;
    }

    void bind(String device, DeviceType deviceType, boolean inService, String loggedInUser) {
        this.device = device;
        this.deviceType = deviceType;
        this.deviceInService = inService;
        this.loggedInUser = loggedInUser;
        if (deviceType == DeviceType.CTI_REMOTE_DEVICE) {
            if (terminal == null || !device.equals(terminal.device())) {
                terminal = new RemoteTerminal(number, device);
            }
        } else {
            terminal = null;
        }
    }

    void unbind() {
        loggedInUser = null;
        device = null;
        deviceType = null;
        deviceInService = false;
        terminal = null;
    }

    void setDeviceInService(boolean inService) {
        this.deviceInService = inService;
    }

    /** The service state as it is now, given whether the switch link is up. */
    public ServiceView currentView(boolean linkUp) {
        if (!linkUp) {
            return ServiceView.outOfService(OutOfServiceReason.LinkDown);
        }
        if (device == null) {
            return ServiceView.outOfService(OutOfServiceReason.DeviceNotFound);
        }
        if (!deviceInService) {
            return ServiceView.outOfService(OutOfServiceReason.DeviceOutOfService);
        }
        if (terminal != null) {
            return terminal.extendedView().orElse(ServiceView.outOfService(OutOfServiceReason.NotExtended));
        }
        return loggedInUser != null ? ServiceView.inServiceLoggedIn(device, loggedInUser) : ServiceView.inService(null, null);
    }

    /** The state clients were last told. */
    public ServiceView reported() {
        return reported;
    }

    /** Records what clients were told. */
    public void setReported(ServiceView view) {
        this.reported = view;
    }

    /** The Extension Mobility user logged in on the DN's phone, or null. */
    public String emUser() {
        return loggedInUser;
    }

    /** The switch device type, or null. */
    public DeviceType deviceType() {
        return deviceType;
    }
}
