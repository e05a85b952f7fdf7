package io.roster.importer.file;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of a shared string ({@code <si>}) or an inline string ({@code <is>}): its {@code <t>}, or its rich-text
 * runs' {@code <t>} joined; phonetic runs ({@code <rPh>}, furigana) are not part of the text; escapes decoded.
 */
final class RichText {

    private RichText() {
    }

    /** Reads from the container's start tag to its end tag. */
    static String read(XMLStreamReader xml) throws XMLStreamException {
        String single = null;
        StringBuilder joined = null;
        int depth = 1;
        while (depth > 0) {
            int event = XmlParts.next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("t")) {
                    String text = XmlParts.text(xml);
                    if (single == null && joined == null) {
                        single = text;
                    } else {
                        if (joined == null) {
                            joined = new StringBuilder(single);
                        }
                        if (joined.length() <= XmlParts.MAX_TEXT) {
                            joined.append(text, 0, Math.min(text.length(), XmlParts.MAX_TEXT + 1 - joined.length()));
                        }
                    }
                } else if (name.equals("rPh")) {
                    skip(xml);
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        String text = joined != null ? joined.toString() : single == null ? "" : single;
        return OoxmlEscapes.decode(text);
    }

    /** Skips the current element, leaving the reader on its end tag. */
    static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = XmlParts.next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
