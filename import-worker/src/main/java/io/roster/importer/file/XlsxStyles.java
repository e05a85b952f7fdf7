package io.roster.importer.file;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Which cell styles of a workbook display a number as a date: a date in Excel is a number whose style's format is
 * a date format, and the styles part is the only place that says so. Read with StAX, not POI's StylesTable, so that
 * this part goes through the same hardened parser as the others.
 */
final class XlsxStyles {

    static final XlsxStyles NONE = new XlsxStyles(new BitSet());

    private final BitSet dateStyles;

    private XlsxStyles(BitSet dateStyles) {
        this.dateStyles = dateStyles;
    }

    static XlsxStyles read(InputStream part) throws XMLStreamException {
        Map<Integer, String> formats = new HashMap<>();
        List<Integer> cellFormats = new ArrayList<>();
        XMLStreamReader xml = XmlParts.open(part);
        boolean inCellXfs = false;
        while (xml.hasNext()) {
            int event = XmlParts.next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "numFmt" -> {
                        Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
                        String code = xml.getAttributeValue(null, "formatCode");
                        if (id != null && code != null) {
                            formats.put(id, code);
                        }
                    }
                    case "cellXfs" -> inCellXfs = true;
                    case "xf" -> {
                        if (inCellXfs) {
                            Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
                            cellFormats.add(id == null ? 0 : id);
                        }
                    }
                    default -> {
                        // other parts of the stylesheet: fonts, fills, borders
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
                inCellXfs = false;
            }
        }
        xml.close();
        BitSet dates = new BitSet(cellFormats.size());
        for (int i = 0; i < cellFormats.size(); i++) {
            int id = cellFormats.get(i);
            String code = formats.getOrDefault(id, BuiltinFormats.getBuiltinFormat(id));
            if (code != null && DateUtil.isADateFormat(id, code)) {
                dates.set(i);
            }
        }
        return new XlsxStyles(dates);
    }

    boolean isDate(int style) {
        return style >= 0 && dateStyles.get(style);
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
