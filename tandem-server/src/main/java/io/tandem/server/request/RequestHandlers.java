package io.tandem.server.request;

import io.tandem.protocol.MessageType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of request handlers: one handler per request type, with the preconditions it declares. A feature
 * package registers its requests here (see docs/architecture.md, "Adding a request"); a type registered twice is a
 * programming error.
 */
public final class RequestHandlers {

    /**
     * One registered request.
     *
     * @param type the request type
     * @param preconditions what the dispatcher checks first
     * @param handler what carries it out
     */
    public record Route(MessageType type, Set<Precondition> preconditions, RequestHandler handler) {
        /** Copies the preconditions. */
        public Route {
            preconditions = preconditions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(preconditions));
        }
    }

    private final Map<MessageType, Route> routes = new EnumMap<>(MessageType.class);

    /** Registers {@code handler} for {@code type} with {@code preconditions}. */
    public RequestHandlers register(MessageType type, Set<Precondition> preconditions, RequestHandler handler) {
        if (!type.isRequest()) {
            throw new IllegalArgumentException(type + " is not a request");
        }
        if (routes.putIfAbsent(type, new Route(type, preconditions, handler)) != null) {
            throw new IllegalStateException(type + " has a handler already");
        }
        return this;
    }

    /** The route of {@code type}, if a handler is registered. */
    public Optional<Route> route(MessageType type) {
        return Optional.ofNullable(routes.get(type));
    }

    /** Every registered request, in the order of the message types. */
    public List<Route> all() {
        return new ArrayList<>(routes.values());
    }
}
