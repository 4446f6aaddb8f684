package cn.lianxin.platform.problem;

import java.util.List;

import cn.lianxin.platform.problem.Problem.FieldError;

/** A refusal the caller can act on: becomes an {@code application/problem+json} response. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not Found", what + " " + id + " does not exist or is outside your organization", List.of());
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "Bad Request", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return badRequest(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(422, "Unprocessable Content", detail, errors);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem(ProblemTypes.of(status), title, status, getMessage(), errors);
    }
}
