package cn.lianxin.notification.template;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import cn.lianxin.notification.repository.TemplateRepository;
import cn.lianxin.notification.repository.TemplateRepository.StoredTemplate;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.api.Versioned;
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

    private final TemplateRepository templates;
    private final Engine engine;
    private final Clock clock;

    public TemplateService(TemplateRepository templates, Engine engine, Clock clock) {
        this.templates = templates;
        this.engine = engine;
        this.clock = clock;
    }

    @Transactional
    public List<TemplateView> list() {
        return templates.all().stream().map(TemplateService::view).toList();
    }

    /** One template and its version (the ETag a change must name); 404 for a key no notification kind has. */
    @Transactional
    public Versioned<TemplateView> get(String key) {
        if (NotificationKind.byKey(key).isEmpty()) { // only known keys reach the database
            throw ProblemException.notFound("template", key);
        }
        StoredTemplate stored = templates.find(key).orElseThrow(() -> ProblemException.notFound("template", key));
        return new Versioned<>(view(stored), stored.version());
    }

    /**
     * Stores a new text after compiling it and test-rendering it with the kind's sample data. In this order: 404 for an
     * unknown key, 428/412 when {@code ifMatch} does not name the stored version, 400/422 for a text that does not
     * compile or render, 409 when another change committed between the check and this one.
     */
    @Transactional
    public Versioned<TemplateView> update(String key, IfMatch ifMatch, TemplateChange change, String user) {
        NotificationKind kind = NotificationKind.byKey(key).orElseThrow(() -> ProblemException.notFound("template", key));
        long version = get(key).version();
        ifMatch.check("template", key, version);
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
        if (!templates.update(key, version, change.subject(), change.body(), clock.instant(), user)) {
            throw new OptimisticLockException("template " + key + " was changed by another request");
        }
        return get(key);
    }

    /** Renders the stored template; a {@link io.quarkus.qute.TemplateException} means the text is broken. */
    @Transactional
    public RenderedMessage render(String key, Map<String, Object> data) {
        StoredTemplate stored = templates.find(key).orElseThrow(() -> new IllegalStateException("no template " + key));
        return new RenderedMessage(renderText(stored.subject(), data).strip(), renderText(stored.body(), data).strip());
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

    private static TemplateView view(StoredTemplate stored) {
        return new TemplateView(stored.key(), stored.description(), stored.subject(), stored.body(),
                NotificationKind.byKey(stored.key()).map(NotificationKind::variables).orElse(List.of()),
                stored.updatedAt(), stored.updatedBy());
    }
}
