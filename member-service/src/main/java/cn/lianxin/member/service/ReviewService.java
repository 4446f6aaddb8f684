package cn.lianxin.member.service;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import cn.lianxin.member.domain.AnnualReview;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.rest.TransferDtos.RecordReview;
import cn.lianxin.member.rest.TransferDtos.ReviewList;
import cn.lianxin.member.rest.TransferDtos.ReviewStatus;
import cn.lianxin.member.rest.TransferDtos.ReviewView;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** 年审: record a member's yearly verification; list who in a subtree is reviewed and who is not yet. */
@ApplicationScoped
@Transactional
public class ReviewService {

    private final MemberAccess access;
    private final Validator validator;
    private final EntityManager em;
    private final Clock clock;

    public ReviewService(MemberAccess access, Validator validator, EntityManager em, Clock clock) {
        this.access = access;
        this.validator = validator;
        this.em = em;
        this.clock = clock;
    }

    public ReviewView record(UUID memberId, RecordReview request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
        Member member = access.member(memberId);
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        LocalDate today = ShanghaiCalendar.dateOf(clock.instant());
        if (request.year() != null && (request.year() < 2000 || request.year() > today.getYear())) {
            errors.add("year", "must be between 2000 and " + today.getYear());
        }
        if (request.verifiedAt() != null && request.verifiedAt().isAfter(today)) {
            errors.add("verifiedAt", "cannot be in the future");
        }
        if (request.year() != null && request.verifiedAt() != null && request.verifiedAt().getYear() < request.year()) {
            errors.add("verifiedAt", "cannot be before the review year " + request.year());
        }
        errors.throwIfAny("The annual review cannot be recorded");
        if (AnnualReview.count("memberId = ?1 and year = ?2", member.id, request.year()) > 0) {
            throw ProblemException.conflict("The member's annual review for " + request.year() + " is already recorded");
        }
        AnnualReview review = new AnnualReview();
        review.id = UUID.randomUUID();
        review.memberId = member.id;
        review.year = request.year();
        review.verifiedAt = request.verifiedAt();
        review.note = request.note();
        review.recordedBy = access.userId();
        review.recordedAt = clock.instant();
        review.persist();
        return view(review);
    }

    /** One annual review of a member the caller may see; another member's, or an unknown one, is 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewView get(UUID memberId, UUID reviewId) {
        Member member = access.member(memberId);
        AnnualReview review = AnnualReview.findById(reviewId);
        if (review == null || !review.memberId.equals(member.id)) {
            throw ProblemException.notFound("Annual review", reviewId);
        }
        return view(review);
    }

    private static ReviewView view(AnnualReview review) {
        return new ReviewView(review.id, review.memberId, review.year, review.verifiedAt, review.note, review.recordedBy,
                review.recordedAt);
    }

    /** Members in good standing of the subtree, not yet reviewed first; {@code reviewed} filters. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewList list(UUID orgId, Integer year, Boolean reviewed, PageRequest page) {
        Org org = access.org(orgId);
        int reviewYear = year != null ? year : ShanghaiCalendar.dateOf(clock.instant()).getYear();
        String from = """
                FROM member m JOIN org o ON o.id = m.org_id
                LEFT JOIN annual_review r ON r.member_id = m.id AND r.year = :year
                WHERE o.path LIKE :prefix AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
                """;
        Object[] counts = (Object[]) em.createNativeQuery("SELECT count(r.id), count(*) - count(r.id) " + from)
                .setParameter("year", reviewYear).setParameter("prefix", org.path + "%").getSingleResult();
        long done = ((Number) counts[0]).longValue();
        long pending = ((Number) counts[1]).longValue();
        String filter = reviewed == null ? "" : reviewed ? " AND r.id IS NOT NULL" : " AND r.id IS NULL";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.name, m.org_id, r.verified_at " + from + filter
                + " ORDER BY (r.id IS NOT NULL), m.name, m.id LIMIT :size OFFSET :offset")
                .setParameter("year", reviewYear).setParameter("prefix", org.path + "%")
                .setParameter("size", page.size).setParameter("offset", page.offset()).getResultList();
        List<ReviewStatus> items = rows.stream().map(r -> new ReviewStatus((UUID) r[0], (String) r[1], (UUID) r[2],
                r[3] != null, toDate(r[3]))).toList();
        long total = reviewed == null ? done + pending : reviewed ? done : pending;
        return new ReviewList(reviewYear, done, pending, items, page.page, page.size, total);
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate date ? date : ((Date) value).toLocalDate();
    }
}
