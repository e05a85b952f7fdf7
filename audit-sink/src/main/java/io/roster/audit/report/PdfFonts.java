package io.roster.audit.report;

import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The export's text in any script: Helvetica, the PDF standard font, shows Latin-1 only. DejaVu Sans covers Latin,
 * Greek, Cyrillic, Arabic, Hebrew and most alphabets, Droid Sans Fallback the Chinese and Japanese characters (and
 * what DejaVu lacks), NanumSquare the Korean syllables (Droid has none); each character is set in the first font
 * that has it. They are embedded as subsets
 * of the glyphs used (Identity-H), so the PDF shows the names on any reader and its text can be extracted. The fonts
 * (resources/fonts, with their licences) are parsed once per JVM: OpenPDF shares a BaseFont between documents, each
 * document keeping its own record of the glyphs it used.
 */
final class PdfFonts {

    private static final class Loaded {
        static final BaseFont SANS = font("DejaVuSans.ttf");
        static final BaseFont FALLBACK = font("DroidSansFallbackFull.ttf");
        static final BaseFont HANGUL = font("NanumSquareR.ttf");
    }

    private final FontSelector selector = new FontSelector();
    private final Font sans;

    PdfFonts(float size) {
        sans = new Font(Loaded.SANS, size);
        selector.addFont(sans);
        selector.addFont(new Font(Loaded.FALLBACK, size));
        selector.addFont(new Font(Loaded.HANGUL, size));
    }

    /** The text, each character in the first font that has it. */
    Phrase phrase(String text) {
        // most texts are Latin (dates, times, addresses, codes): DejaVu Sans has all of it, no choice per character
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > LATIN_EXTENDED_B_END) {
                return selector.process(text);
            }
        }
        return new Phrase(text, sans);
    }

    /** The end of Latin Extended-B: DejaVu Sans has every character up to it. */
    private static final char LATIN_EXTENDED_B_END = '\u024F';

    /** Whether the text has right-to-left letters (Arabic, Hebrew), which need the bidi algorithm and shaping. */
    static boolean rightToLeft(String text) {
        for (int i = 0; i < text.length(); i++) {
            byte direction = Character.getDirectionality(text.charAt(i));
            if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
        }
        return false;
    }

    private static BaseFont font(String file) {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " missing from the classpath");
            }
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, BaseFont.NOT_CACHED,
                    in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
