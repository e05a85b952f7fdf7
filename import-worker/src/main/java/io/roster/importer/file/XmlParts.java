package io.roster.importer.file;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * The XML parts of an XLSX (workbook, styles, shared strings, sheets) read with StAX: Aalto, a non-validating parser
 * that reads sheets about twice as fast as the JDK's (docs/benchmarks.md, Import files), with the settings POI's
 * hardened factory sets — no DTD, no external entity. A part that declares a DTD at all is refused outright, so
 * that neither an external entity (XXE) nor an entity expansion (billion laughs) is ever looked at, whatever the
 * parser's defaults.
 */
final class XmlParts {

    private static final XMLInputFactory FACTORY = factory();

    /**
     * The most characters kept of one text node: far over any cell's limit (32,767 in Excel), so a longer cell is
     * still refused as too long, but a hostile part holding one text of hundreds of megabytes (random text, so
     * no zip-bomb ratio) does not fill the heap.
     */
    static final int MAX_TEXT = 1 << 20;

    private XmlParts() {
    }

    /** Aalto by name (not whichever StAX provider the classpath offers first), set as XMLHelper sets the JDK's. */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** A reader of the part; Aalto's, so with Stax2's typed access to attribute values. */
    static XMLStreamReader2 open(InputStream part) throws XMLStreamException {
        return (XMLStreamReader2) FACTORY.createXMLStreamReader(new TextRunGuard(part));
    }

    /** The next event, refusing a DTD wherever it appears. */
    static int next(XMLStreamReader xml) throws XMLStreamException {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new UnsafeXmlException();
        }
        return event;
    }

    /** The text content of the current element (its text children only), leaving the reader on its end tag. */
    static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = null;
        String single = null;
        int depth = 1;
        while (depth > 0) {
            int event = next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                String chunk = xml.getText();
                if (single == null && text == null) {
                    single = chunk.length() > MAX_TEXT ? chunk.substring(0, MAX_TEXT + 1) : chunk;
                } else {
                    if (text == null) {
                        text = new StringBuilder(single);
                    }
                    if (text.length() <= MAX_TEXT) {
                        text.append(chunk, 0, Math.min(chunk.length(), MAX_TEXT + 1 - text.length()));
                    }
                }
            }
        }
        return text != null ? text.toString() : single == null ? "" : single;
    }

    /**
     * As {@link #text(XMLStreamReader)}, appended to {@code into} straight from the parser's characters: for a value
     * read as something other than text (a shared string's index), no String at all.
     */
    static void text(XMLStreamReader xml, StringBuilder into) throws XMLStreamException {
        int limit = into.length() + MAX_TEXT + 1;
        int depth = 1;
        while (depth > 0) {
            int event = next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) && into.length() < limit) {
                into.append(xml.getTextCharacters(), xml.getTextStart(),
                        Math.min(xml.getTextLength(), limit - into.length()));
            }
        }
    }

    /** A DTD (and so an entity declaration) in a part of the package. */
    static final class UnsafeXmlException extends XMLStreamException {

        UnsafeXmlException() {
            super("a part of the workbook declares a DTD or entities");
        }
    }
}
