package cn.lianxin.notification.template;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/** The editable Chinese texts (Qute), stored in the database. */
@ApplicationScoped
public class TemplateService {

    public record TemplateView(String key, String description, String subject, String body, List<String> variables,
            Instant updatedAt, String updatedBy) {
    }

    public record TemplateChange(String subject, String body) {
    }

    private final EntityManager em;
    private final Engine engine;
    private final Clock clock;

    public TemplateService(EntityManager em, Engine engine, Clock clock) {
        this.em = em;
        this.engine = engine;
        this.clock = clock;
    }

    @Transactional
    public List<TemplateView> list() {
        return em.createNativeQuery("SELECT * FROM notification_template ORDER BY template_key", Tuple.class)
                .getResultList().stream().map(row -> view((Tuple) row)).toList();
    }

    /** Stores a new text after compiling it and test-rendering it with the kind's sample data. */
    @Transactional
    public TemplateView update(String key, TemplateChange change, String user) {
        NotificationKind kind = NotificationKind.byKey(key).orElseThrow(() -> ProblemException.notFound("template", key));
        List<FieldError> errors = new ArrayList<>();
        if (change == null) {
            throw ProblemException.invalidField("body", "a template needs subject and body");
        }
        check("subject", change.subject(), kind, errors);
        check("body", change.body(), kind, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("template " + key + " does not compile or render: "
                    + errors.get(0).message(), errors);
        }
        em.createNativeQuery("""
                UPDATE notification_template SET subject = :subject, body = :body, updated_at = :at, updated_by = :by
                WHERE template_key = :key
                """)
                .setParameter("subject", change.subject()).setParameter("body", change.body())
                .setParameter("at", clock.instant()).setParameter("by", user).setParameter("key", key)
                .executeUpdate();
        return list().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    /** Renders the stored template; a {@link io.quarkus.qute.TemplateException} means the text is broken. */
    @Transactional
    public RenderedMessage render(String key, Map<String, Object> data) {
        List<?> rows = em.createNativeQuery("SELECT subject, body FROM notification_template WHERE template_key = :key",
                Tuple.class).setParameter("key", key).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no template " + key);
        }
        Tuple row = (Tuple) rows.get(0);
        return new RenderedMessage(renderText(row.get("subject", String.class), data).strip(),
                renderText(row.get("body", String.class), data).strip());
    }

    private String renderText(String text, Map<String, Object> data) {
        Template template = engine.parse(text);
        TemplateInstance instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    private void check(String field, String text, NotificationKind kind, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return;
        }
        try {
            renderText(text, kind.sample());
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, String.valueOf(e.getMessage())));
        }
    }

    private static TemplateView view(Tuple row) {
        String key = row.get("template_key", String.class);
        return new TemplateView(key, row.get("description", String.class), row.get("subject", String.class),
                row.get("body", String.class),
                NotificationKind.byKey(key).map(NotificationKind::variables).orElse(List.of()),
                row.get("updated_at", Instant.class), row.get("updated_by", String.class));
    }
}
