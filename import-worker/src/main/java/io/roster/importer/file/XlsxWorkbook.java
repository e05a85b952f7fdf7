package io.roster.importer.file;

import java.io.InputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** What the workbook part says that the cells need: whether its day numbers count from 1904 (old Mac Excel). */
final class XlsxWorkbook {

    private XlsxWorkbook() {
    }

    static boolean date1904(InputStream part) throws XMLStreamException {
        XMLStreamReader xml = XmlParts.open(part);
        try {
            while (xml.hasNext()) {
                int event = XmlParts.next(xml);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (name.equals("workbookPr")) {
                        String value = xml.getAttributeValue(null, "date1904");
                        return "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                    if (name.equals("sheets")) {
                        return false;
                    }
                }
            }
            return false;
        } finally {
            xml.close();
        }
    }
}
