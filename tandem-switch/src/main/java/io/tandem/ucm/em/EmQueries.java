package io.tandem.ucm.em;

import io.tandem.ucm.config.SwitchConfig;
import java.util.List;
import org.w3c.dom.Element;

/** The Extension Mobility queries and the shapes of their answers. */
final class EmQueries {

    private EmQueries() {
    }

    static String answer(ExtensionMobility em, Element query) {
        return switch (query.getTagName()) {
            case "deviceUserQuery" -> deviceUsers(em, EmXml.texts(query, "deviceName"));
            case "userDevicesQuery" -> userDevices(em, users(query));
            case "deviceProfileQuery", "userDeviceProfileQuery" -> deviceProfiles(em, users(query));
            case "checkUser" -> checkUsers(em, users(query));
            default -> throw new EmException(EmError.QUERY_TYPE_UNDETERMINED, "Query type undetermined");
        };
    }

    private static List<String> users(Element query) {
        List<String> users = EmXml.texts(query, "userID");
        if (users.isEmpty()) {
            throw new EmException(EmError.PARSING, "Error on Parsing: <" + query.getTagName() + "> needs <userID>");
        }
        return users.stream().map(EmXml::decodeUserId).toList();
    }

    private static String deviceUsers(ExtensionMobility em, List<String> devices) {
        if (devices.isEmpty()) {
            throw new EmException(EmError.PARSING, "Error on Parsing: <deviceUserQuery> needs <deviceName>");
        }
        StringBuilder out = new StringBuilder("<response><deviceUserResults>");
        for (String device : devices) {
            out.append("<device name=\"").append(EmXml.attribute(device)).append("\">");
            if (!em.isPhone(device)) {
                out.append("<doesNotExist/>");
            } else {
                em.loginOn(device).ifPresent(l -> out.append("<userID>").append(EmXml.encodeUserId(l.userId())).append("</userID>"));
                em.previousUser(device).ifPresentOrElse(
                        last -> out.append("<lastlogin>").append(EmXml.encodeUserId(last)).append("</lastlogin>"),
                        () -> out.append("<none/>"));
                out.append("<emccDevice>no</emccDevice>");
            }
            out.append("</device>");
        }
        return out.append("</deviceUserResults></response>").toString();
    }

    private static String userDevices(ExtensionMobility em, List<String> users) {
        StringBuilder out = new StringBuilder("<response><userDevicesResults>");
        for (String user : users) {
            out.append("<user id=\"").append(EmXml.encodeUserId(user)).append("\">");
            if (!em.isUser(user)) {
                out.append("<doesNotExist/>");
            } else {
                List<String> devices = em.devicesOf(user);
                if (devices.isEmpty()) {
                    out.append("<none/>");
                }
                devices.forEach(d -> out.append("<deviceName>").append(EmXml.escape(d)).append("</deviceName>"));
            }
            out.append("</user>");
        }
        return out.append("</userDevicesResults></response>").toString();
    }

    private static String deviceProfiles(ExtensionMobility em, List<String> users) {
        StringBuilder out = new StringBuilder("<response><deviceProfileResults>");
        for (String user : users) {
            out.append("<user id=\"").append(EmXml.encodeUserId(user)).append("\">");
            if (!em.isUser(user)) {
                out.append("<doesNotExist/>");
            } else {
                List<SwitchConfig.DeviceProfile> profiles = em.profilesOf(user);
                if (profiles.isEmpty()) {
                    out.append("<none/>");
                }
                for (SwitchConfig.DeviceProfile p : profiles) {
                    out.append("<deviceProfile><deviceProfileName>").append(EmXml.escape(p.name()))
                            .append("</deviceProfileName><isDefaultDeviceProfile>").append(p.isDefault() ? "t" : "f")
                            .append("</isDefaultDeviceProfile></deviceProfile>");
                }
            }
            out.append("</user>");
        }
        return out.append("</deviceProfileResults></response>").toString();
    }

    private static String checkUsers(ExtensionMobility em, List<String> users) {
        StringBuilder out = new StringBuilder("<response><checkUserResults>");
        for (String user : users) {
            out.append("<user id=\"").append(EmXml.encodeUserId(user)).append("\">")
                    .append(em.isUser(user) ? "<exists/>" : "<doesNotExist/>").append("</user>");
        }
        return out.append("</checkUserResults></response>").toString();
    }
}
