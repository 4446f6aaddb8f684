package cn.lianxin.notification.delivery;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.notification.delivery.NotificationViews.AttemptView;
import cn.lianxin.notification.delivery.NotificationViews.ErrorView;
import cn.lianxin.notification.delivery.NotificationViews.NotificationView;
import cn.lianxin.notification.delivery.NotificationViews.RecipientView;
import cn.lianxin.notification.domain.NotificationStatus;
import cn.lianxin.notification.repository.NotificationReadRepository;
import cn.lianxin.notification.repository.NotificationReadRepository.Criteria;
import cn.lianxin.notification.repository.NotificationReadRepository.NotificationRow;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Reading notifications within the caller's subtree, and the manual retry. */
@ApplicationScoped
public class NotificationQueries {

    /** Filters of GET /api/v1/notifications; all optional. */
    public record Filter(UUID memberId, UUID caseId, String recipient, NotificationStatus status) {
    }

    private final NotificationReadRepository repository;
    private final DeliverySchedule schedule;
    private final Clock clock;

    public NotificationQueries(NotificationReadRepository repository, DeliverySchedule schedule, Clock clock) {
        this.repository = repository;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Transactional
    public Page<NotificationView> list(Filter filter, PageRequest page, OrgScope scope) {
        Optional<String> prefix = scope.visiblePathPrefix();
        if (prefix.isEmpty()) {
            return new Page<>(List.of(), page.page, page.size, 0);
        }
        Criteria criteria = new Criteria(scope.isAdmin() ? null : prefix.get(), filter.memberId(), filter.caseId(),
                filter.recipient(), filter.status());
        long total = repository.count(criteria);
        List<NotificationView> items = repository.page(criteria, page.size, page.offset()).stream()
                .map(NotificationQueries::view).toList();
        return new Page<>(items, page.page, page.size, total);
    }

    /** One notification with every delivery attempt; outside the caller's subtree it does not exist (404). */
    @Transactional
    public NotificationView get(UUID id, OrgScope scope) {
        NotificationRow row = visible(id, scope);
        List<AttemptView> attempts = repository.attempts(id).stream()
                .map(a -> new AttemptView(a.attempt(), a.attemptedAt(), a.outcome(), a.errorCode(), a.errorMessage()))
                .toList();
        return view(row).withAttempts(attempts);
    }

    /** Puts a FAILED notification back into the schedule, due now; anything else is a conflict. */
    @Transactional
    public NotificationView retry(UUID id, OrgScope scope) {
        NotificationRow row = visible(id, scope);
        if (!schedule.reschedule(id, clock.instant())) {
            throw ProblemException.conflict("notification " + id + " is " + row.status()
                    + ": only a FAILED notification can be retried");
        }
        return get(id, scope);
    }

    private NotificationRow visible(UUID id, OrgScope scope) {
        NotificationRow row = repository.find(id).orElseThrow(() -> ProblemException.notFound("notification", id));
        String path = row.orgPath();
        boolean visible = scope.isAdmin() || (path != null && scope.visiblePathPrefix().map(path::startsWith).orElse(false));
        if (!visible) {
            throw ProblemException.notFound("notification", id);
        }
        return row;
    }

    private static NotificationView view(NotificationRow n) {
        return new NotificationView(n.id(), n.sourceEventId(), n.sourceEventType(), n.templateKey(), n.memberId(),
                n.caseId(), n.orgId(),
                new RecipientView(n.recipientRole(), n.recipientOrgId(), n.recipientMemberId(), n.recipientName(),
                        Masking.mask(n.address())),
                n.channel(), n.fallback(), n.status(), n.attempts(), n.nextAttemptAt(), n.deferredByQuietHours(),
                n.createdAt(), n.deliveredAt(), n.failedAt(),
                n.lastErrorCode() == null ? null : new ErrorView(n.lastErrorCode(), n.lastError()),
                n.digestId(), n.digestId() == null ? null : n.digestStatus(), null);
    }
}
