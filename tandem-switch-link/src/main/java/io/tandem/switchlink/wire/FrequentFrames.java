package io.tandem.switchlink.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tandem.switchlink.ActiveDestination;
import io.tandem.switchlink.RemoteDestination;
import io.tandem.switchlink.VerbOutcome;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The link's frequent frames written and read with Jackson's streaming API instead of data binding: the remote
 * destination verbs (also the takeover's {@code setActiveRemoteDestinations} and its {@code outcomes}), their answers,
 * the service and remote destination events, pings. The JSON is the same as data
 * binding writes (the same fields in the same order), so either side may use either; what changes is the cost. A
 * switchover moves tens of thousands of these frames through processes whose data-binding code is not compiled for
 * them yet: the profile showed the JIT compiling Jackson's generic serializer and deserializer methods (seconds of
 * compiler time) during the takeover; this code is small and monomorphic (docs/benchmarks.md).
 *
 * <p>Reading accepts only the regular form: the type property {@code t} first, every field once, each with its exact
 * JSON type, nothing unknown. Anything else is left to data binding ({@link #read} answers null), which then applies
 * its own rules, coercions and errors, so both paths decode every input to the same frame or the same refusal.
 */
final class FrequentFrames {

    private FrequentFrames() {
    }

    /** Whether {@code frame} is written here. */
    static boolean writes(LinkFrame frame) {
        return frame instanceof LinkFrame.SetActiveRemoteDestination || frame instanceof LinkFrame.AddRemoteDestination
                || frame instanceof LinkFrame.SetActiveRemoteDestinations || frame instanceof LinkFrame.Outcomes
                || frame instanceof LinkFrame.RemoveRemoteDestination || frame instanceof LinkFrame.Done
                || frame instanceof LinkFrame.Failed || frame instanceof LinkFrame.Ping || frame instanceof LinkFrame.Pong
                || frame instanceof LinkFrame.Event event && (event.event() instanceof SwitchEvent.RemoteDestinationsChanged
                        || event.event() instanceof SwitchEvent.DeviceServiceChanged);
    }

    /** Writes {@code frame}, one for which {@link #writes} is true. */
    static void write(LinkFrame frame, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (frame instanceof LinkFrame.SetActiveRemoteDestination f) {
            g.writeStringField("t", "setActiveRemoteDestination");
            g.writeNumberField("id", f.id());
            g.writeStringField("device", f.device());
            g.writeStringField("number", f.number());
            g.writeBooleanField("active", f.active());
        } else if (frame instanceof LinkFrame.SetActiveRemoteDestinations f) {
            g.writeStringField("t", "setActiveRemoteDestinations");
            g.writeNumberField("id", f.id());
            g.writeFieldName("changes");
            writeList(f.changes(), g, (c, out) -> {
                out.writeStringField("device", c.device());
                out.writeStringField("number", c.number());
                out.writeBooleanField("active", c.active());
            });
        } else if (frame instanceof LinkFrame.Outcomes f) {
            g.writeStringField("t", "outcomes");
            g.writeNumberField("id", f.id());
            g.writeFieldName("outcomes");
            writeList(f.outcomes(), g, (o, out) -> {
                out.writeStringField("error", o.error() == null ? null : o.error().name());
                out.writeStringField("message", o.message());
            });
        } else if (frame instanceof LinkFrame.AddRemoteDestination f) {
            g.writeStringField("t", "addRemoteDestination");
            g.writeNumberField("id", f.id());
            g.writeStringField("device", f.device());
            g.writeStringField("name", f.name());
            g.writeStringField("number", f.number());
            g.writeBooleanField("active", f.active());
        } else if (frame instanceof LinkFrame.RemoveRemoteDestination f) {
            g.writeStringField("t", "removeRemoteDestination");
            g.writeNumberField("id", f.id());
            g.writeStringField("device", f.device());
            g.writeStringField("number", f.number());
        } else if (frame instanceof LinkFrame.Done f) {
            g.writeStringField("t", "done");
            g.writeNumberField("id", f.id());
            g.writeFieldName("value");
            if (f.value() == null) {
                g.writeNull();
            } else {
                g.writeNumber(f.value());
            }
        } else if (frame instanceof LinkFrame.Failed f) {
            g.writeStringField("t", "failed");
            g.writeNumberField("id", f.id());
            g.writeStringField("error", f.error() == null ? null : f.error().name());
            g.writeStringField("message", f.message());
        } else if (frame instanceof LinkFrame.Ping) {
            g.writeStringField("t", "ping");
        } else if (frame instanceof LinkFrame.Pong) {
            g.writeStringField("t", "pong");
        } else {
            g.writeStringField("t", "event");
            g.writeFieldName("event");
            writeEvent(((LinkFrame.Event) frame).event(), g);
        }
        g.writeEndObject();
    }

    /** Writes one object's fields. */
    @FunctionalInterface
    private interface ItemWriter<T> {
        void write(T item, JsonGenerator g) throws IOException;
    }

    /** A list of objects as data binding writes it: null for no list, null for a null item. */
    private static <T> void writeList(List<T> items, JsonGenerator g, ItemWriter<T> fields) throws IOException {
        if (items == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (T item : items) {
            if (item == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                fields.write(item, g);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static void writeEvent(SwitchEvent event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (event instanceof SwitchEvent.RemoteDestinationsChanged e) {
            g.writeStringField("kind", "remoteDestinationsChanged");
            g.writeStringField("device", e.device());
            g.writeArrayFieldStart("destinations");
            for (RemoteDestination d : e.destinations()) {
                g.writeStartObject();
                g.writeStringField("name", d.name());
                g.writeStringField("number", d.number());
                g.writeBooleanField("active", d.active());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("lastSetByThisLink", e.lastSetByThisLink());
        } else {
            SwitchEvent.DeviceServiceChanged e = (SwitchEvent.DeviceServiceChanged) event;
            g.writeStringField("kind", "deviceServiceChanged");
            g.writeStringField("device", e.device());
            g.writeBooleanField("inService", e.inService());
        }
        g.writeEndObject();
    }

    /** The frame {@code p} holds in its regular form, or null to leave it to data binding. */
    static LinkFrame read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT || !"t".equals(p.nextFieldName()) || p.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        Fields f = new Fields(p);
        LinkFrame frame;
        try {
            frame = switch (p.getText()) {
                case "setActiveRemoteDestination" -> f.read("id", "device", "number", "active")
                        ? new LinkFrame.SetActiveRemoteDestination(f.id(), f.text(1), f.text(2), f.flag(3)) : null;
                case "addRemoteDestination" -> f.read("id", "device", "name", "number", "active")
                        ? new LinkFrame.AddRemoteDestination(f.id(), f.text(1), f.text(2), f.text(3), f.flag(4)) : null;
                case "removeRemoteDestination" -> f.read("id", "device", "number")
                        ? new LinkFrame.RemoveRemoteDestination(f.id(), f.text(1), f.text(2)) : null;
                case "setActiveRemoteDestinations" -> readList(p, "changes", item -> item.read("device", "number", "active")
                        ? new ActiveDestination(item.text(0), item.text(1), item.flag(2)) : null, LinkFrame.SetActiveRemoteDestinations::new);
                case "outcomes" -> readList(p, "outcomes", item -> item.read("error", "message")
                        ? new VerbOutcome(item.text(0) == null ? null : SwitchError.valueOf(item.text(0)), item.text(1)) : null,
                        LinkFrame.Outcomes::new);
                case "done" -> f.read("id", "value") ? new LinkFrame.Done(f.id(), f.optionalNumber(1)) : null;
                case "failed" -> f.read("id", "error", "message") && f.text(1) != null
                        ? new LinkFrame.Failed(f.id(), SwitchError.valueOf(f.text(1)), f.text(2)) : null;
                case "ping" -> f.read() ? new LinkFrame.Ping() : null;
                case "pong" -> f.read() ? new LinkFrame.Pong() : null;
                case "event" -> readEvent(p);
                default -> null;
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            return null; // a value a record refuses (an unknown error name, a null where none may be): data binding reports it
        }
        return frame != null && p.nextToken() == null ? frame : null;
    }

    /** Reads one object's fields, the object already opened; null when it is not in the regular form. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(Fields item) throws IOException;
    }

    /**
     * {@code "id": N, "NAME": [{...}, ...]} after the type property, up to and including the frame's end, as
     * {@code frame}; null when any part is not in the regular form (no list, a null item: left to data binding).
     */
    private static <T> LinkFrame readList(JsonParser p, String name, ItemReader<T> items,
            java.util.function.BiFunction<Long, List<T>, LinkFrame> frame) throws IOException {
        Fields id = new Fields(p);
        if (!id.readId() || !name.equals(p.nextFieldName()) || p.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<T> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            T item = t == JsonToken.START_OBJECT ? items.read(new Fields(p)) : null;
            if (item == null) {
                return null;
            }
            list.add(item);
        }
        return p.nextToken() == JsonToken.END_OBJECT ? frame.apply(id.id(), list) : null;
    }

    /** {@code "event": {...}}} after the type property, up to and including the frame's end. */
    private static LinkFrame readEvent(JsonParser p) throws IOException {
        if (!"event".equals(p.nextFieldName()) || p.nextToken() != JsonToken.START_OBJECT || !"kind".equals(p.nextFieldName())
                || p.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        SwitchEvent event = switch (p.getText()) {
            case "remoteDestinationsChanged" -> readDestinationsChanged(p);
            case "deviceServiceChanged" -> {
                Fields f = new Fields(p);
                yield f.read("device", "inService") ? new SwitchEvent.DeviceServiceChanged(f.text(0), f.flag(1)) : null;
            }
            default -> null;
        };
        return event != null && p.nextToken() == JsonToken.END_OBJECT ? new LinkFrame.Event(event) : null;
    }

    private static SwitchEvent readDestinationsChanged(JsonParser p) throws IOException {
        if (!"device".equals(p.nextFieldName())) {
            return null;
        }
        JsonToken deviceToken = p.nextToken();
        if (deviceToken != JsonToken.VALUE_STRING && deviceToken != JsonToken.VALUE_NULL) {
            return null;
        }
        String device = deviceToken == JsonToken.VALUE_NULL ? null : p.getText();
        if (!"destinations".equals(p.nextFieldName()) || p.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<RemoteDestination> destinations = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            Fields d = new Fields(p);
            if (!d.read("name", "number", "active")) {
                return null;
            }
            destinations.add(new RemoteDestination(d.text(0), d.text(1), d.flag(2)));
        }
        if (!"lastSetByThisLink".equals(p.nextFieldName())) {
            return null;
        }
        JsonToken last = p.nextToken();
        if (last != JsonToken.VALUE_TRUE && last != JsonToken.VALUE_FALSE || p.nextToken() != JsonToken.END_OBJECT) {
            return null;
        }
        return new SwitchEvent.RemoteDestinationsChanged(device, destinations, last == JsonToken.VALUE_TRUE);
    }

    /**
     * The fields of one object, read in the order given, up to and including its end: an integer for {@code id} and
     * {@code value}, a boolean for {@code active}, {@code inService}, a string or null for the others.
     */
    private static final class Fields {
        private final JsonParser p;
        private final Object[] values = new Object[5];

        Fields(JsonParser p) {
            this.p = p;
        }

        /** Reads the named fields in this order and the object's end; false when the object is not exactly that. */
        boolean read(String... names) throws IOException {
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equals(p.nextFieldName())) {
                    return false;
                }
                JsonToken t = p.nextToken();
                switch (names[i]) {
                    case "id" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                                && p.getNumberType() != JsonParser.NumberType.LONG) {
                            return false;
                        }
                        values[i] = p.getLongValue();
                    }
                    case "value" -> {
                        if (t == JsonToken.VALUE_NULL) {
                            values[i] = null;
                        } else if (t == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
                                || p.getNumberType() == JsonParser.NumberType.LONG)) {
                            values[i] = p.getLongValue();
                        } else {
                            return false;
                        }
                    }
                    case "active", "inService" -> {
                        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                            return false;
                        }
                        values[i] = t == JsonToken.VALUE_TRUE;
                    }
                    default -> {
                        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                            return false;
                        }
                        values[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
                    }
                }
            }
            return p.nextToken() == JsonToken.END_OBJECT;
        }

        /** Reads only an {@code id} field, leaving the object open; false when the next field is not one. */
        boolean readId() throws IOException {
            if (!"id".equals(p.nextFieldName())) {
                return false;
            }
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    && p.getNumberType() != JsonParser.NumberType.LONG) {
                return false;
            }
            values[0] = p.getLongValue();
            return true;
        }

        long id() {
            return (Long) values[0];
        }

        String text(int i) {
            return (String) values[i];
        }

        boolean flag(int i) {
            return (Boolean) values[i];
        }

        Long optionalNumber(int i) {
            return (Long) values[i];
        }
    }
}
