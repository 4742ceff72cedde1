package io.tandem.ucm.config;

import io.tandem.common.config.ConfigMap;
import io.tandem.common.config.ConfigProblems;
import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.DndOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Reads and checks the {@code switch:} section; every problem is recorded with its line. */
public final class SwitchConfigParser {

    /** CUCM allows up to 5 lines on a CTI remote device. */
    static final int MAX_REMOTE_DEVICE_LINES = 5;

    private final ConfigProblems problems;

    private SwitchConfigParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** Parses {@code section}; problems go to the section's collector (the caller throws). */
    public static SwitchConfig parse(ConfigMap section) {
        return new SwitchConfigParser(section.problems()).read(section);
    }

    private SwitchConfig read(ConfigMap section) {
        section.allowOnly("dial-plan", "remote-destination-limit", "end-users", "application-users", "devices", "device-profiles",
                "default-device-profiles", "extension-mobility", "service-parameters", "directory-numbers");
        SwitchConfig.EmParameters em = section.map("extension-mobility", "extension-mobility").map(this::emParameters)
                .orElse(SwitchConfig.EmParameters.DEFAULT);
        var dialPlanSection = section.map("dial-plan", "dial-plan");
        dialPlanSection.ifPresent(dp -> dp.allowOnly("external-pattern", "auto-answer"));
        String pattern = dialPlanSection.flatMap(dp -> dp.optionalString("external-pattern")).orElse(SwitchConfig.DEFAULT_EXTERNAL_PATTERN);
        List<String> autoAnswer = dialPlanSection.map(dp -> dp.listOfStrings("auto-answer")).orElse(List.of());
        Pattern dialPlan = compile(section, pattern);
        int limit = section.integer("remote-destination-limit", SwitchConfig.DEFAULT_REMOTE_DESTINATION_LIMIT, 1,
                SwitchConfig.MAX_REMOTE_DESTINATION_LIMIT);

        Map<String, Located<SwitchConfig.EndUser>> users = unique(section.listOfMaps("end-users", this::endUser), "end user",
                u -> u.value.id());
        Map<String, Located<SwitchConfig.Device>> devices = unique(section.listOfMaps("devices", this::device), "device",
                d -> d.value.name());
        Map<String, Located<SwitchConfig.DeviceProfile>> profiles = unique(section.listOfMaps("device-profiles", this::profile),
                "device profile", p -> p.value.name());
        Map<String, Located<SwitchConfig.ApplicationUser>> appUsers = unique(section.listOfMaps("application-users", this::appUser),
                "application user", a -> a.value.id());

        List<SwitchConfig.DefaultDeviceProfile> defaults = values(unique(section.listOfMaps("default-device-profiles", m -> {
            m.allowOnly(withSettingKeys("model"));
            return new Located<>(new SwitchConfig.DefaultDeviceProfile(m.string("model"), settings(m)), m.line());
        }), "default device profile for model", d -> d.value.model()));
        checkDirectoryNumbers(devices, profiles);
        checkExtensionMobility(devices, profiles);
        checkDevices(devices, users, dialPlan, limit);
        checkReferences(appUsers, devices, profiles, users);
        SwitchConfig.CallForwarding forwarding = callForwarding(section, devices, profiles, dialPlan);
        List<SwitchConfig.DnRecording> recording = recordingLines(section, devices, profiles, dialPlan);

        return new SwitchConfig(pattern, autoAnswer, limit, values(users), values(appUsers), values(devices), values(profiles), defaults,
                em, forwarding, recording);
    }

    /** {@code service-parameters} (forward-no-answer-timer) and {@code directory-numbers} (each DN's CFB and CFNA). */
    private SwitchConfig.CallForwarding callForwarding(ConfigMap section, Map<String, Located<SwitchConfig.Device>> devices,
            Map<String, Located<SwitchConfig.DeviceProfile>> profiles, Pattern dialPlan) {
        int timer = section.map("service-parameters", "service-parameters").map(sp -> {
            sp.allowOnly("forward-no-answer-timer");
            return sp.integer("forward-no-answer-timer", SwitchConfig.CallForwarding.DEFAULT_NO_ANSWER_SECONDS, 1,
                    SwitchConfig.CallForwarding.MAX_NO_ANSWER_SECONDS);
        }).orElse(SwitchConfig.CallForwarding.DEFAULT_NO_ANSWER_SECONDS);
        Set<String> lines = new HashSet<>();
        devices.values().forEach(d -> lines.addAll(d.value.lines()));
        profiles.values().forEach(p -> lines.addAll(p.value.lines()));
        Map<String, Located<SwitchConfig.DnForwarding>> dns = unique(section.listOfMaps("directory-numbers", m -> {
            m.allowOnly("dn", "forward-busy", "forward-no-answer", "no-answer-ring-duration", "recording", "recorder",
                    "recording-media-source");
            String dn = m.string("dn");
            if (!dn.isEmpty() && !lines.contains(dn)) {
                m.problem("dn", "directory number " + dn + " is on no device or device profile line");
            }
            String busy = forwardTarget(m, "forward-busy", dn, lines, dialPlan);
            String noAnswer = forwardTarget(m, "forward-no-answer", dn, lines, dialPlan);
            Integer ring = m.has("no-answer-ring-duration") ? m.integer("no-answer-ring-duration", 0, 1,
                    SwitchConfig.CallForwarding.MAX_NO_ANSWER_SECONDS) : null;
            return new Located<>(new SwitchConfig.DnForwarding(dn, busy, noAnswer, ring), m.line());
        }), "directory number", d -> d.value.dn());
        return new SwitchConfig.CallForwarding(timer, values(dns));
    }

    /** The {@code recording}, {@code recorder} and {@code recording-media-source} of each {@code directory-numbers} entry. */
    private List<SwitchConfig.DnRecording> recordingLines(ConfigMap section, Map<String, Located<SwitchConfig.Device>> devices,
            Map<String, Located<SwitchConfig.DeviceProfile>> profiles, Pattern dialPlan) {
        List<SwitchConfig.DnRecording> lines = new java.util.ArrayList<>();
        section.listOfMaps("directory-numbers", m -> {
            String dn = m.optionalString("dn").orElse("");
            String optionName = m.optionalString("recording").orElse("none");
            SwitchConfig.RecordingOption option = switch (optionName) {
                case "none" -> SwitchConfig.RecordingOption.NONE;
                case "automatic" -> SwitchConfig.RecordingOption.AUTOMATIC;
                case "application" -> SwitchConfig.RecordingOption.APPLICATION;
                default -> {
                    m.problem("recording", "directory number " + dn + ": unknown recording '" + optionName
                            + "' (allowed: none, automatic, application)");
                    yield SwitchConfig.RecordingOption.NONE;
                }
            };
            String sourceName = m.optionalString("recording-media-source").orElse("phone");
            SwitchConfig.MediaSource source = switch (sourceName) {
                case "phone" -> SwitchConfig.MediaSource.PHONE;
                case "gateway" -> SwitchConfig.MediaSource.GATEWAY;
                default -> {
                    m.problem("recording-media-source", "directory number " + dn + ": unknown recording-media-source '" + sourceName
                            + "' (allowed: phone, gateway)");
                    yield SwitchConfig.MediaSource.PHONE;
                }
            };
            String recorder = m.optionalString("recorder").orElse(null);
            if (option != SwitchConfig.RecordingOption.NONE && recorder == null) {
                m.problem("recorder", "directory number " + dn + ": recording " + optionName + " needs a recorder (its number)");
            }
            if (option != SwitchConfig.RecordingOption.NONE || recorder != null) {
                lines.add(new SwitchConfig.DnRecording(dn, option, recorder, source));
            }
            return null;
        });
        return lines;
    }

    private static String forwardTarget(ConfigMap m, String key, String dn, Set<String> lines, Pattern dialPlan) {
        String target = m.optionalString(key).orElse(null);
        if (target != null && (target.equals(dn) || !lines.contains(target) && !dialPlan.matcher(target).matches())) {
            m.problem(key, "directory number " + dn + ": " + key + " " + target
                    + " must be another DN of the switch or a number of the external dial plan");
        }
        return target;
    }

    /** A parsed item with the line it came from. */
    private record Located<T>(T value, int line) {
    }

    private Pattern compile(ConfigMap section, String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            section.problem("dial-plan", "external-pattern is not a valid regular expression: " + e.getDescription());
            return Pattern.compile(SwitchConfig.DEFAULT_EXTERNAL_PATTERN);
        }
    }

    private Located<SwitchConfig.EndUser> endUser(ConfigMap m) {
        m.allowOnly("id", "name", "mobility", "remote-destination-limit", "pin");
        String id = m.string("id");
        Integer limit = m.has("remote-destination-limit")
                ? m.integer("remote-destination-limit", SwitchConfig.DEFAULT_REMOTE_DESTINATION_LIMIT, 1, SwitchConfig.MAX_REMOTE_DESTINATION_LIMIT)
                : null;
        return new Located<>(new SwitchConfig.EndUser(id, m.optionalString("name").orElse(id), m.bool("mobility", false), limit,
                m.optionalString("pin").orElse(null)), m.line());
    }

    private Located<SwitchConfig.ApplicationUser> appUser(ConfigMap m) {
        m.allowOnly("id", "password", "controlled-devices", "controlled-profiles", "em-proxy", "allow-call-recording",
                "allow-call-monitoring");
        return new Located<>(new SwitchConfig.ApplicationUser(m.string("id"), m.string("password"),
                m.listOfStrings("controlled-devices"), m.listOfStrings("controlled-profiles"), m.bool("em-proxy", false),
                m.bool("allow-call-recording", false), m.bool("allow-call-monitoring", false)), m.line());
    }

    private Located<SwitchConfig.Device> device(ConfigMap m) {
        m.allowOnly("name", "type", "model", "owner", "lines", "remote-destinations", "extension-mobility", "logout-profile", "dnd-option",
                "select-route-timer");
        String name = m.string("name");
        String typeName = m.string("type");
        DeviceType type = DeviceType.fromConfigName(typeName).orElseGet(() -> {
            if (!typeName.isEmpty()) {
                m.problem("type", "device '" + name + "': unknown type '" + typeName + "' (allowed: "
                        + Arrays.stream(DeviceType.values()).map(DeviceType::configName).collect(Collectors.joining(", ")) + ")");
            }
            return DeviceType.PHONE;
        });
        String defaultModel = type == DeviceType.CTI_REMOTE_DEVICE ? "CTI Remote Device" : type.configName();
        List<SwitchConfig.RemoteDestination> rds = m.listOfMaps("remote-destinations", rd -> {
            rd.allowOnly("name", "number");
            String number = rd.string("number");
            return new SwitchConfig.RemoteDestination(rd.optionalString("name").orElse(number), number);
        });
        if (!rds.isEmpty() && type != DeviceType.CTI_REMOTE_DEVICE) {
            m.problem("remote-destinations", "device '" + name + "': only a cti-remote-device can have remote destinations");
        }
        String optionName = m.optionalString("dnd-option").orElse(DndOption.RINGER_OFF.configName());
        DndOption dndOption = DndOption.fromConfigName(optionName).orElseGet(() -> {
            m.problem("dnd-option", "device '" + name + "': unknown dnd-option '" + optionName + "' (allowed: "
                    + Arrays.stream(DndOption.values()).map(DndOption::configName).collect(Collectors.joining(", ")) + ")");
            return DndOption.RINGER_OFF;
        });
        return new Located<>(new SwitchConfig.Device(name, type, m.optionalString("model").orElse(defaultModel),
                m.optionalString("owner").orElse(null), m.listOfStrings("lines"), rds, m.bool("extension-mobility", false),
                m.optionalString("logout-profile").orElse(null), dndOption, selectRouteTimer(m, name, type)), m.line());
    }

    private static Integer selectRouteTimer(ConfigMap m, String name, DeviceType type) {
        if (!m.has("select-route-timer")) {
            return null;
        }
        if (type != DeviceType.ROUTE_POINT) {
            m.problem("select-route-timer", "device '" + name + "': only a route-point has a select-route timer");
            return null;
        }
        return m.integer("select-route-timer", SwitchConfig.Device.DEFAULT_SELECT_ROUTE_SECONDS, 1, 300);
    }

    private Located<SwitchConfig.DeviceProfile> profile(ConfigMap m) {
        m.allowOnly(withSettingKeys("name", "user", "model", "lines", "default"));
        return new Located<>(new SwitchConfig.DeviceProfile(m.string("name"), m.string("user"), m.string("model"),
                m.listOfStrings("lines"), m.bool("default", false), settings(m)), m.line());
    }

    private SwitchConfig.EmParameters emParameters(ConfigMap m) {
        m.allowOnly("multiple-login-behavior", "maximum-login-time", "maximum-concurrent-requests", "request-queue", "phone-reset-ms");
        String behavior = m.optionalString("multiple-login-behavior").orElse("not-allowed");
        SwitchConfig.MultipleLoginBehavior multiple = switch (behavior) {
            case "not-allowed" -> SwitchConfig.MultipleLoginBehavior.NOT_ALLOWED;
            case "allowed" -> SwitchConfig.MultipleLoginBehavior.ALLOWED;
            case "auto-logout" -> SwitchConfig.MultipleLoginBehavior.AUTO_LOGOUT;
            default -> {
                m.problem("multiple-login-behavior", "multiple-login-behavior must be not-allowed, allowed or auto-logout, found '" + behavior + "'");
                yield SwitchConfig.MultipleLoginBehavior.NOT_ALLOWED;
            }
        };
        Integer maximum = m.optionalString("maximum-login-time").map(text -> loginMinutes(m, text)).orElse(null);
        return new SwitchConfig.EmParameters(multiple, maximum, m.integer("maximum-concurrent-requests", 5, 1, 100),
                m.integer("request-queue", 20, 0, 10_000), m.integer("phone-reset-ms", 0, 0, 60_000));
    }

    /** CUCM's HHH:MM (0:00 to 168:00; ":30" is 30 minutes) in minutes. */
    private static Integer loginMinutes(ConfigMap m, String text) {
        java.util.regex.Matcher hm = Pattern.compile("(\\d{0,3}):([0-5]\\d)").matcher(text);
        if (hm.matches()) {
            int minutes = (hm.group(1).isEmpty() ? 0 : Integer.parseInt(hm.group(1))) * 60 + Integer.parseInt(hm.group(2));
            if (minutes <= 168 * 60) {
                return minutes == 0 ? null : minutes;
            }
        }
        m.problem("maximum-login-time", "maximum-login-time must be HHH:MM from 0:00 to 168:00, found '" + text + "'");
        return null;
    }

    private static final String[] SETTING_KEYS = {"line-setting", "speed-dials", "services", "hold-audio-source", "locale",
        "phone-button-template", "softkey-template", "add-on-modules"};

    private static String[] withSettingKeys(String... keys) {
        String[] all = Arrays.copyOf(keys, keys.length + SETTING_KEYS.length);
        System.arraycopy(SETTING_KEYS, 0, all, keys.length, SETTING_KEYS.length);
        return all;
    }

    private static SwitchConfig.ProfileSettings settings(ConfigMap m) {
        List<SwitchConfig.SpeedDial> speedDials = m.listOfMaps("speed-dials", sd -> {
            sd.allowOnly("number", "label");
            String number = sd.string("number");
            return new SwitchConfig.SpeedDial(number, sd.optionalString("label").orElse(number));
        });
        return new SwitchConfig.ProfileSettings(m.optionalString("line-setting").orElse(null), speedDials, m.listOfStrings("services"),
                m.optionalString("hold-audio-source").orElse(null), m.optionalString("locale").orElse(null),
                m.optionalString("phone-button-template").orElse(null), m.optionalString("softkey-template").orElse(null),
                m.listOfStrings("add-on-modules"));
    }

    private void checkExtensionMobility(Map<String, Located<SwitchConfig.Device>> devices,
            Map<String, Located<SwitchConfig.DeviceProfile>> profiles) {
        for (Located<SwitchConfig.Device> d : devices.values()) {
            String logout = d.value.logoutProfile();
            if (logout != null && !profiles.containsKey(logout)) {
                problems.add(d.line, "device '" + d.value.name() + "': logout profile '" + logout + "' is not a device profile");
            }
            if (d.value.extensionMobility() && d.value.type() != DeviceType.PHONE) {
                problems.add(d.line, "device '" + d.value.name() + "': only a phone can have extension-mobility enabled");
            }
        }
        Map<String, String> defaultOf = new HashMap<>();
        for (Located<SwitchConfig.DeviceProfile> p : profiles.values()) {
            if (p.value.isDefault()) {
                String previous = defaultOf.putIfAbsent(p.value.user(), p.value.name());
                if (previous != null) {
                    problems.add(p.line, "device profile '" + p.value.name() + "': user '" + p.value.user()
                            + "' already has default profile '" + previous + "'");
                }
            }
        }
    }

    private <T> Map<String, Located<T>> unique(List<Located<T>> items, String what,
            java.util.function.Function<Located<T>, String> key) {
        Map<String, Located<T>> result = new java.util.LinkedHashMap<>();
        for (Located<T> item : items) {
            String k = key.apply(item);
            Located<T> previous = result.putIfAbsent(k, item);
            if (previous != null) {
                problems.add(item.line, what + " '" + k + "' is defined twice (first at line " + previous.line + ")");
            }
        }
        return result;
    }

    private void checkDirectoryNumbers(Map<String, Located<SwitchConfig.Device>> devices,
            Map<String, Located<SwitchConfig.DeviceProfile>> profiles) {
        Map<String, String> owners = new HashMap<>();
        devices.values().forEach(d -> d.value.lines().forEach(dn -> claim(owners, dn, "device '" + d.value.name() + "'", d.line)));
        profiles.values().forEach(p -> p.value.lines().forEach(dn -> claim(owners, dn, "device profile '" + p.value.name() + "'", p.line)));
    }

    private void claim(Map<String, String> owners, String dn, String owner, int line) {
        String previous = owners.putIfAbsent(dn, owner);
        if (previous != null) {
            problems.add(line, owner + ": DN " + dn + " is already on " + previous);
        }
    }

    private void checkDevices(Map<String, Located<SwitchConfig.Device>> devices, Map<String, Located<SwitchConfig.EndUser>> users,
            Pattern dialPlan, int defaultLimit) {
        Set<String> dns = new HashSet<>();
        devices.values().forEach(d -> dns.addAll(d.value.lines()));
        Map<String, String> rdOwners = new HashMap<>();
        for (Located<SwitchConfig.Device> located : devices.values()) {
            SwitchConfig.Device d = located.value;
            String where = "device '" + d.name() + "'";
            if (d.owner() != null && !users.containsKey(d.owner())) {
                problems.add(located.line, where + ": owner '" + d.owner() + "' is not an end user");
            }
            if (d.type() != DeviceType.CTI_REMOTE_DEVICE) {
                continue;
            }
            if (d.owner() == null) {
                problems.add(located.line, where + ": a cti-remote-device needs an owner (an end user with mobility: true)");
            } else if (users.containsKey(d.owner()) && !users.get(d.owner()).value.mobility()) {
                problems.add(located.line, where + ": owner '" + d.owner() + "' does not have mobility enabled");
            }
            if (d.lines().size() > MAX_REMOTE_DEVICE_LINES) {
                problems.add(located.line, where + ": a cti-remote-device has at most " + MAX_REMOTE_DEVICE_LINES + " lines");
            }
            int limit = d.owner() != null && users.containsKey(d.owner()) && users.get(d.owner()).value.remoteDestinationLimit() != null
                    ? users.get(d.owner()).value.remoteDestinationLimit() : defaultLimit;
            if (d.remoteDestinations().size() > limit) {
                problems.add(located.line, where + ": " + d.remoteDestinations().size() + " remote destinations exceed the limit of " + limit);
            }
            for (SwitchConfig.RemoteDestination rd : d.remoteDestinations()) {
                checkRemoteDestination(located.line, where, rd, dialPlan, dns, rdOwners);
            }
        }
    }

    private void checkRemoteDestination(int line, String where, SwitchConfig.RemoteDestination rd, Pattern dialPlan,
            Set<String> dns, Map<String, String> rdOwners) {
        if (!dialPlan.matcher(rd.number()).matches()) {
            problems.add(line, where + ": remote destination " + rd.number() + " does not match the external dial plan " + dialPlan.pattern());
        }
        if (dns.contains(rd.number())) {
            problems.add(line, where + ": remote destination " + rd.number() + " is a directory number of the switch");
        }
        String previous = rdOwners.putIfAbsent(RemoteNumbers.normalize(rd.number()), where);
        if (previous != null) {
            problems.add(line, where + ": remote destination " + rd.number() + " is already used by " + previous);
        }
    }

    private void checkReferences(Map<String, Located<SwitchConfig.ApplicationUser>> appUsers,
            Map<String, Located<SwitchConfig.Device>> devices, Map<String, Located<SwitchConfig.DeviceProfile>> profiles,
            Map<String, Located<SwitchConfig.EndUser>> users) {
        for (Located<SwitchConfig.ApplicationUser> a : appUsers.values()) {
            a.value.controlledDevices().stream().filter(d -> !devices.containsKey(d)).forEach(d ->
                    problems.add(a.line, "application user '" + a.value.id() + "': controlled device '" + d + "' is not defined"));
            a.value.controlledProfiles().stream().filter(p -> !profiles.containsKey(p)).forEach(p ->
                    problems.add(a.line, "application user '" + a.value.id() + "': controlled profile '" + p + "' is not defined"));
        }
        for (Located<SwitchConfig.DeviceProfile> p : profiles.values()) {
            if (!users.containsKey(p.value.user())) {
                problems.add(p.line, "device profile '" + p.value.name() + "': user '" + p.value.user() + "' is not an end user");
            }
        }
    }

    private static <T> List<T> values(Map<String, Located<T>> map) {
        return map.values().stream().map(Located::value).toList();
    }
}
