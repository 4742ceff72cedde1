package io.tandem.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a route sees it.
 *
 * @param method the method
 * @param path the path without the query
 * @param pathParams the values of the route's {@code {name}} segments
 * @param query the query parameters
 * @param body the request body
 * @param headers the request headers, names in lower case (the first value of each)
 * @param remoteAddress the sender's IP address (without the port), or an empty string when unknown
 */
public record HttpExchange(String method, String path, Map<String, String> pathParams,
        Map<String, List<String>> query, byte[] body, Map<String, String> headers, String remoteAddress) {

    /** An exchange without headers. */
    public HttpExchange(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query, byte[] body) {
        this(method, path, pathParams, query, body, Map.of(), "");
    }

    /** An exchange from an unknown address. */
    public HttpExchange(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query, byte[] body,
            Map<String, String> headers) {
        this(method, path, pathParams, query, body, headers, "");
    }

    /** A request header, by name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The value of cookie {@code name}, if the request carries it. */
    public Optional<String> cookie(String name) {
        return header("cookie").flatMap(all -> {
            for (String part : all.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return Optional.of(part.substring(eq + 1).trim());
                }
            }
            return Optional.empty();
        });
    }

    /** A copy with the path parameters of the matched route. */
    public HttpExchange withPathParams(Map<String, String> params) {
        return new HttpExchange(method, path, params, query, body, headers, remoteAddress);
    }

    /** A path parameter. */
    public String param(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as a JSON object; an empty body is an empty object; anything else is a 400. */
    public JsonNode jsonBody() {
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpProblem(400, "request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new HttpProblem(400, "malformed JSON body: " + e.getMessage());
        }
    }

    /** A required string field of the JSON body (400 when missing or not a string). */
    public String requiredField(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new HttpProblem(400, "field '" + field + "' is required and must be a non-empty string");
        }
        return value.textValue();
    }
}
