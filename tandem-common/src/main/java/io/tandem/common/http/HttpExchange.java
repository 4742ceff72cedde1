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
 */
public record HttpExchange(String method, String path, Map<String, String> pathParams,
        Map<String, List<String>> query, byte[] body) {

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
