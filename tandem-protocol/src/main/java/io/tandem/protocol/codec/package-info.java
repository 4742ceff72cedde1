/**
 * The wire form of {@link io.tandem.protocol.Message}: one JSON object per line (UTF-8).
 *
 * <p>Framing ({@link io.tandem.protocol.codec.JsonLineFrameDecoder}) is kept apart from decoding
 * ({@link io.tandem.protocol.codec.MessageDecoder}); decoding failures travel as
 * {@link io.tandem.protocol.codec.DecodeResult.Malformed} values rather than exceptions, so the handler
 * can answer each bad frame with a precise EventError.
 */
package io.tandem.protocol.codec;
