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

/** A mainland China mobile number: 11 digits, {@code 1[3-9]} then nine more. Null is valid (use @NotBlank). */
@Documented
@Pattern(regexp = "1[3-9]\\d{9}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface MainlandMobile {
    String message() default "must be a mainland mobile number: 11 digits starting with 13–19";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
