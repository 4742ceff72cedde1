package io.tandem.ucm.em;

import io.tandem.switchlink.DeviceType;
import io.tandem.ucm.config.SwitchConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logins of users to phones, following CUCM: a profile for the phone's model is applied whole; a profile
 * for another model gets that model's default device profile plus the device-independent part of the user's
 * profile (hold audio source, locale, user ID, speed dials, directory numbers — not the line setting for this
 * device), and its services when it has any. Multiple logins of one user are not allowed (CUCM's default).
 * Owned by the switch thread.
 */
public final class ExtensionMobility {

    private SwitchConfig config;
    private final EmPersistence persistence;
    private final Clock clock;
    private final Map<String, SwitchConfig.Device> phones = new LinkedHashMap<>();
    private final Map<String, SwitchConfig.DeviceProfile> profiles = new LinkedHashMap<>();
    private final Map<String, SwitchConfig.EndUser> users = new LinkedHashMap<>();
    private final Map<String, SwitchConfig.DefaultDeviceProfile> defaults = new LinkedHashMap<>();
    private final Map<String, EmLogin> logins = new LinkedHashMap<>();
    private final Map<String, String> lastLogin = new LinkedHashMap<>();
    private final Map<String, String> previousLogin = new LinkedHashMap<>();
    private java.util.function.Consumer<PhoneConfiguration> listener = c -> { };

    /** Extension Mobility for {@code config}, starting from the stored logins and last logins. */
    public ExtensionMobility(SwitchConfig config, List<EmLogin> stored, Map<String, String> lastLogins, EmPersistence persistence,
            Clock clock) {
        this.config = config;
        this.persistence = persistence;
        this.clock = clock;
        config.devices().stream().filter(d -> d.type() == DeviceType.PHONE).forEach(d -> phones.put(d.name(), d));
        config.deviceProfiles().forEach(p -> profiles.put(p.name(), p));
        config.endUsers().forEach(u -> users.put(u.id(), u));
        config.defaultDeviceProfiles().forEach(d -> defaults.put(d.model(), d));
        stored.forEach(l -> logins.put(l.device(), l));
        lastLogin.putAll(lastLogins);
    }

    /**
     * Takes users, device profiles and phones from {@code next} (a run-time change). Refused
     * with {@link IllegalArgumentException} when a removed user is logged in, a removed profile is in use, or a
     * removed phone has a login.
     */
    public void reconfigure(SwitchConfig next) {
        for (EmLogin login : logins.values()) {
            if (next.endUsers().stream().noneMatch(u -> u.id().equals(login.userId()))) {
                throw new IllegalArgumentException("end user '" + login.userId() + "' is logged in to " + login.device() + "; log the user out first");
            }
            if (next.deviceProfiles().stream().noneMatch(p -> p.name().equals(login.profile()))) {
                throw new IllegalArgumentException("device profile '" + login.profile() + "' is in use on " + login.device()
                        + "; log the user out first");
            }
        }
        for (EmLogin login : logins.values()) {
            if (next.devices().stream().noneMatch(d -> d.name().equals(login.device()))) {
                throw new IllegalArgumentException("'" + login.userId() + "' is logged in to " + login.device() + "; log the user out first");
            }
        }
        this.config = next;
        phones.clear();
        next.devices().stream().filter(d -> d.type() == DeviceType.PHONE).forEach(d -> phones.put(d.name(), d));
        profiles.clear();
        next.deviceProfiles().forEach(p -> profiles.put(p.name(), p));
        users.clear();
        next.endUsers().forEach(u -> users.put(u.id(), u));
    }

    /** Sets who hears that a phone's configuration changed (the switch model applies its lines). */
    public void setListener(java.util.function.Consumer<PhoneConfiguration> listener) {
        this.listener = listener;
    }

    /** The phones whose configuration comes from Extension Mobility (enabled, or with a logout profile). */
    public List<String> managedPhones() {
        return phones.values().stream().filter(d -> d.extensionMobility() || d.logoutProfile() != null)
                .map(SwitchConfig.Device::name).toList();
    }

    /** Logs {@code userId} in to {@code device} with {@code profileName} (null: the user's default), for the default duration. */
    public EmLogin login(String device, String userId, String profileName) {
        return login(device, userId, profileName, null, false);
    }

    /**
     * Logs {@code userId} in to {@code device}. The login ends by itself after {@code exclusiveMinutes} when given,
     * never when {@code indefinite}, and otherwise after the maximum login time when one is configured.
     */
    public EmLogin login(String device, String userId, String profileName, Integer exclusiveMinutes, boolean indefinite) {
        SwitchConfig.Device phone = phone(device);
        if (!phone.extensionMobility()) {
            throw new EmException(EmError.DEVICE_LOGON_DISABLED, "Extension Mobility is not enabled on device " + device);
        }
        if (!users.containsKey(userId)) {
            throw new EmException(EmError.USER_NOT_FOUND, "user '" + userId + "' does not exist");
        }
        EmLogin current = logins.get(device);
        if (current != null && !current.userId().equals(userId)) {
            throw new EmException(EmError.ANOTHER_USER_LOGGED_IN, "user '" + current.userId() + "' is logged in to " + device);
        }
        List<EmLogin> elsewhere = logins.values().stream()
                .filter(l -> l.userId().equals(userId) && !l.device().equals(device)).toList();
        SwitchConfig.MultipleLoginBehavior multiple = config.emParameters().multipleLoginBehavior();
        if (!elsewhere.isEmpty() && multiple == SwitchConfig.MultipleLoginBehavior.NOT_ALLOWED) {
            throw new EmException(EmError.LOGGED_IN_ELSEWHERE, "user '" + userId + "' is logged in to " + elsewhere.get(0).device()
                    + " and multiple logins are not allowed");
        }
        SwitchConfig.DeviceProfile profile = profileFor(userId, profileName);
        configurationOf(phone, profile, userId);
        if (multiple == SwitchConfig.MultipleLoginBehavior.AUTO_LOGOUT) {
            elsewhere.forEach(l -> logout(l.device()));
        }
        long now = clock.millis();
        Integer minutes = indefinite ? null : exclusiveMinutes != null ? exclusiveMinutes : config.emParameters().maximumLoginMinutes();
        EmLogin login = new EmLogin(device, userId, profile.name(), now, minutes == null ? null : now + minutes * 60_000L);
        String lastBefore = lastLogin.get(device);
        persistence.loggedIn(login, () -> {
            if (login.equals(logins.get(device))) {
                if (current == null) {
                    logins.remove(device);
                } else {
                    logins.put(device, current);
                }
                lastLogin.put(device, lastBefore);
                listener.accept(configuration(device));
            }
        });
        if (current == null) {
            previousLogin.put(device, lastLogin.get(device));
        }
        logins.put(device, login);
        lastLogin.put(device, userId);
        listener.accept(configuration(device));
        return login;
    }

    private SwitchConfig.DeviceProfile profileFor(String userId, String profileName) {
        if (profileName != null) {
            SwitchConfig.DeviceProfile named = profiles.get(profileName);
            if (named == null || !named.user().equals(userId)) {
                throw new EmException(EmError.PROFILE_NOT_FOUND, "device profile '" + profileName + "' does not exist for user '" + userId + "'");
            }
            return named;
        }
        List<SwitchConfig.DeviceProfile> own = profilesOf(userId);
        return own.stream().filter(SwitchConfig.DeviceProfile::isDefault).findFirst()
                .or(() -> own.size() == 1 ? Optional.of(own.get(0)) : Optional.empty())
                .orElseThrow(() -> new EmException(EmError.PROFILE_NOT_FOUND, own.isEmpty()
                        ? "user '" + userId + "' has no device profile"
                        : "user '" + userId + "' has several device profiles and no default; name one"));
    }

    /** Logs the user out of {@code device}; the phone gets its logout profile back. */
    public EmLogin logout(String device) {
        SwitchConfig.Device phone = phone(device);
        if (!phone.extensionMobility()) {
            throw new EmException(EmError.LOGOUT_DEVICE_DISABLED, "Extension Mobility is not enabled on device " + device);
        }
        EmLogin login = logins.get(device);
        if (login == null) {
            throw new EmException(EmError.NO_USER_LOGGED_IN, "no user is logged in to " + device);
        }
        persistence.loggedOut(device, () -> {
            if (!logins.containsKey(device)) {
                logins.put(device, login);
                listener.accept(configuration(device));
            }
        });
        logins.remove(device);
        previousLogin.put(device, login.userId());
        listener.accept(configuration(device));
        return login;
    }

    /** Ends the logins whose time is up (exclusiveDuration or the maximum login time); returns them. */
    public List<EmLogin> expire() {
        long now = clock.millis();
        List<EmLogin> due = logins.values().stream().filter(l -> l.logoutAtMillis() != null && l.logoutAtMillis() <= now).toList();
        due.forEach(l -> logout(l.device()));
        return due;
    }

    /** Logs every user out of every phone; returns the logins that ended. */
    public List<EmLogin> logoutAll() {
        List<EmLogin> ended = new ArrayList<>();
        for (String device : List.copyOf(logins.keySet())) {
            ended.add(logout(device));
        }
        return ended;
    }

    /** The phone's current configuration. */
    public PhoneConfiguration configuration(String device) {
        SwitchConfig.Device phone = phone(device);
        EmLogin login = logins.get(device);
        if (login == null) {
            return logoutConfiguration(phone);
        }
        PhoneConfiguration c = configurationOf(phone, profiles.get(login.profile()), login.userId());
        return new PhoneConfiguration(c.device(), c.model(), c.userId(), c.profile(), c.lines(), c.settings(),
                java.time.Instant.ofEpochMilli(login.loginMillis()).toString(),
                login.logoutAtMillis() == null ? null : java.time.Instant.ofEpochMilli(login.logoutAtMillis()).toString());
    }

    private PhoneConfiguration logoutConfiguration(SwitchConfig.Device phone) {
        if (phone.logoutProfile() != null) {
            SwitchConfig.DeviceProfile p = profiles.get(phone.logoutProfile());
            return new PhoneConfiguration(phone.name(), phone.model(), null, p.name(), p.lines(), p.settings(), null, null);
        }
        return new PhoneConfiguration(phone.name(), phone.model(), null, null, phone.lines(), SwitchConfig.ProfileSettings.NONE, null, null);
    }

    private PhoneConfiguration configurationOf(SwitchConfig.Device phone, SwitchConfig.DeviceProfile profile, String userId) {
        if (profile.model().equals(phone.model())) {
            return new PhoneConfiguration(phone.name(), phone.model(), userId, profile.name(), profile.lines(), profile.settings(), null, null);
        }
        SwitchConfig.DefaultDeviceProfile fallback = defaults.get(phone.model());
        if (fallback == null) {
            throw new EmException(EmError.PROFILE_NOT_FOUND, "profile '" + profile.name() + "' is for a " + profile.model()
                    + " and there is no default device profile for the phone's model " + phone.model());
        }
        SwitchConfig.ProfileSettings user = profile.settings();
        SwitchConfig.ProfileSettings model = fallback.settings();
        SwitchConfig.ProfileSettings merged = new SwitchConfig.ProfileSettings(
                model.lineSetting(),
                user.speedDials(),
                user.services().isEmpty() ? model.services() : user.services(),
                user.holdAudioSource(),
                user.locale(),
                model.phoneButtonTemplate(),
                model.softkeyTemplate(),
                model.addOnModules());
        return new PhoneConfiguration(phone.name(), phone.model(), userId, profile.name(), profile.lines(), merged, null, null);
    }

    private SwitchConfig.Device phone(String device) {
        SwitchConfig.Device phone = phones.get(device);
        if (phone == null) {
            throw new EmException(EmError.DEVICE_NOT_FOUND, "device '" + device + "' does not exist");
        }
        return phone;
    }

    /** Whether {@code device} is a phone of the switch. */
    public boolean isPhone(String device) {
        return phones.containsKey(device);
    }

    /** Whether {@code userId} is an end user. */
    public boolean isUser(String userId) {
        return users.containsKey(userId);
    }

    /** The login on {@code device}, if any. */
    public Optional<EmLogin> loginOn(String device) {
        return Optional.ofNullable(logins.get(device));
    }

    /** The user who logged in to {@code device} before the current or last login, if recorded. */
    public Optional<String> previousUser(String device) {
        return Optional.ofNullable(logins.containsKey(device) ? previousLogin.get(device) : lastLogin.get(device));
    }

    /** The devices {@code userId} is logged in to. */
    public List<String> devicesOf(String userId) {
        return logins.values().stream().filter(l -> l.userId().equals(userId)).map(EmLogin::device).toList();
    }

    /** The user's device profiles. */
    public List<SwitchConfig.DeviceProfile> profilesOf(String userId) {
        return profiles.values().stream().filter(p -> p.user().equals(userId)).toList();
    }

    /** The configuration the switch runs with. */
    public SwitchConfig config() {
        return config;
    }
}
