package io.roster.contracts.account;

import java.util.List;
import java.util.Optional;

/**
 * A column of an import template as the admin sees it in the spreadsheet, and the command field it feeds: an
 * import error names the column, not the field. The columns of each template are {@link UserTemplateColumn} and
 * {@link ContactTemplateColumn}; {@link AccountTemplate} looks a problem's field up.
 */
public interface TemplateColumn {

    /** The header of the column, as in the template: {@code LASTNAME}, {@code SAVE_SPACE_MAX}. */
    String key();

    /**
     * The column's position in its template's {@link AccountTemplate#columns()}, from 0 (the enum's own ordinal):
     * a reader keeps a row's cells in an array by it instead of a map.
     */
    int ordinal();

    Requirement requirement();

    /**
     * The field of the create command the column feeds ({@code lastName}); empty for a column no command field
     * takes (CREATION_DATE, which the import fills in itself).
     */
    Optional<String> field();

    /** The values the template allows, as written in the cells; empty where any text goes. */
    List<String> allowedValues();

    /** The template marks the column with an asterisk. */
    default boolean markedRequired() {
        return requirement() == Requirement.REQUIRED || requirement() == Requirement.REQUIRED_WITH_APPLICATIONS;
    }

    /** Whether a cell of the column must be filled in. */
    enum Requirement {
        /** Always. */
        REQUIRED,
        /** When the workspace enables an application needing it (SHARE_SPACE_MAX, SAVE_SPACE_MAX). */
        REQUIRED_WITH_APPLICATIONS,
        /** Never. */
        OPTIONAL,
        /** Left empty by the admin: the import fills it in (CREATION_DATE). */
        FILLED_BY_IMPORT
    }

    /** The YES / NO of the templates' switches (MODIFICATION_PREVENTION, CREATION_NOTIFICATION...). */
    List<String> YES_NO = List.of("YES", "NO");

    static List<String> namesOf(Class<? extends Enum<?>> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    static List<String> mailLanguages() {
        return java.util.Arrays.stream(MailLanguage.values()).map(MailLanguage::code).toList();
    }
}
