package io.tandem.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The shared Jackson mapper for HTTP bodies. */
public final class Json {

    /** Serializes records and maps; dates are not used. */
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }
}
