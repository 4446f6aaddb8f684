package cn.lianxin.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * Text with at least one visible character. {@code @NotBlank} only sees ASCII blanks, so a name of full-width spaces
 * (U+3000, what a Chinese input method types), no-break spaces or zero-width characters passed it and was stored as a
 * blank name. Null is valid (use {@code @NotBlank} as well for a required field, or alone for a partial update).
 * The pattern reads the same in Java and in ECMAScript (the OpenAPI documents show it to client validators): no inline
 * flags, {@code [\s\S]} for any character.
 */
@Documented
@Pattern(regexp = NotBlankAfterTrim.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface NotBlankAfterTrim {

    /** At least one character that is neither white space, a separator (U+3000 among them) nor a format character. */
    String PATTERN = "[\\s\\S]*[^\\s\\p{Z}\\p{Cf}][\\s\\S]*";

    String message() default "must not be blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
