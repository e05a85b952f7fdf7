package io.roster.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field whose value must be one of an enum's constants. Commands carry such fields as text so a
 * wrong value becomes a field-level rejection the requester can read, not an undecodable record; the JSON
 * Schema still lists the allowed values.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface AllowedValues {
    Class<? extends Enum<?>> value();
}
