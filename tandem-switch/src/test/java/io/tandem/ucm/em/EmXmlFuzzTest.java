package io.tandem.ucm.em;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The EM API's XML parser answers any document with a tree or a parsing failure (EM code 1), never another error:
 * random and mutated requests, and nesting deep enough to exhaust a recursive walk (security-probe D11).
 */
class EmXmlFuzzTest {

    private static final String LOGIN = "<request><appInfo><appID>tandem</appID><appCertificate>tandem</appCertificate></appInfo>"
            + "<login><deviceName>SEP000000006100</deviceName><userID>agent07</userID><exclusiveDuration><time>60</time></exclusiveDuration>"
            + "</login></request>";

    private static void parsesOrFails(String xml) {
        try {
            assertThat(EmXml.parse(xml)).isNotNull();
        } catch (EmException expected) {
            assertThat(expected.error()).isEqualTo(EmError.PARSING);
        }
    }

    @Example
    void deepNestingIsAParsingFailure() {
        String deep = "<request><appInfo><appID>" + "<a>".repeat(9000) + "x" + "</a>".repeat(9000) + "</appID></appInfo></request>";
        assertThatThrownBy(() -> EmXml.parse(deep)).isInstanceOf(EmException.class)
                .hasMessage("Error on Parsing: elements nest deeper than 32 levels");
        assertThat(EmXml.parse("<r>" + "<a>".repeat(30) + "</a>".repeat(30) + "</r>")).as("31 levels are fine").isNotNull();
    }

    @Property(tries = 1000)
    void randomDocuments(@ForAll("random") String xml) {
        parsesOrFails(xml);
    }

    @Property(tries = 1000)
    void mutatedLogins(@ForAll("mutated") String xml) {
        parsesOrFails(xml);
    }

    @Provide
    Arbitrary<String> random() {
        return Arbitraries.strings().withChars("<>/=\"'!?&;#x abcdefDOCTYPE[]-").ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.integers().between(0, LOGIN.length() - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(positions -> Arbitraries.chars().with("<>/&;!?\"'=[").list().ofSize(positions.size()).map(values -> {
                    char[] copy = LOGIN.toCharArray();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return new String(copy);
                }));
    }
}
