package io.tandem.ucm.em;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML for the Extension Mobility API: a parser that refuses DOCTYPEs (so no external entity is read and no
 * entity expansion can grow memory), element helpers, escaping, and CUCM's percent-encoding of user IDs.
 */
final class EmXml {

    private EmXml() {
    }

    /** How deeply elements may nest in a request (CUCM's requests nest 4 levels). */
    static final int MAX_DEPTH = 32;

    /**
     * Parses {@code xml}; anything malformed, with a DOCTYPE, or nesting elements deeper than {@link #MAX_DEPTH} is an
     * {@link EmError#PARSING} failure.
     */
    static Element parse(String xml) {
        Element root = parseDocument(xml);
        checkDepth(root);
        return root;
    }

    /** Walks the tree without recursion, so that a deep document cannot exhaust the stack. */
    private static void checkDepth(Element root) {
        Node node = root;
        int depth = 1;
        while (node != null) {
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                if (++depth > MAX_DEPTH) {
                    throw new EmException(EmError.PARSING, "Error on Parsing: elements nest deeper than " + MAX_DEPTH + " levels");
                }
                continue;
            }
            while (node != null && node != root && node.getNextSibling() == null) {
                node = node.getParentNode();
                depth--;
            }
            node = node == null || node == root ? null : node.getNextSibling();
        }
    }

    private static Element parseDocument(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return doc.getDocumentElement();
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new EmException(EmError.PARSING, "Error on Parsing: " + reason.replaceAll("\\s+", " "));
        }
    }

    /** The child elements of {@code parent}. */
    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    /** The first child element named {@code name}. */
    static Optional<Element> child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst();
    }

    /** The trimmed text of the child {@code name}, if present and not blank. */
    static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).filter(t -> !t.isEmpty());
    }

    /** The required text of child {@code name}; missing is a parsing failure (the document breaks the DTD). */
    static String required(Element parent, String name) {
        return text(parent, name).orElseThrow(() -> new EmException(EmError.PARSING,
                "Error on Parsing: <" + parent.getTagName() + "> needs <" + name + ">"));
    }

    /** The texts of every child named {@code name}. */
    static List<String> texts(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).map(e -> e.getTextContent().trim()).toList();
    }

    /** Escapes text for element content (quotes stay as they are, as CUCM writes them). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escapes text for a double-quoted attribute value. */
    static String attribute(String text) {
        return escape(text).replace("\"", "&quot;");
    }

    /** CUCM's form of a user ID in requests and responses: UTF-8, percent-encoded except unreserved characters. */
    static String encodeUserId(String userId) {
        StringBuilder out = new StringBuilder();
        for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Decodes a percent-encoded user ID (a '+' stays a '+'). */
    static String decodeUserId(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && isHex(encoded, i + 1) && isHex(encoded, i + 2)) {
                out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
