package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import cn.lianxin.member.domain.AnnualReview;
import cn.lianxin.member.domain.ContactVerification.Assessment;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.repository.AnnualReviewRepository;
import cn.lianxin.member.service.TransferCommands.RecordReview;
import cn.lianxin.member.service.TransferViews.ReviewList;
import cn.lianxin.member.service.TransferViews.ReviewStatus;
import cn.lianxin.member.service.TransferViews.ReviewView;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** 年审: record a member's yearly verification; list who in a subtree is reviewed and who is not yet. */
@ApplicationScoped
@Transactional
public class ReviewService {

    private final MemberAccess access;
    private final Validator validator;
    private final AnnualReviewRepository reviews;
    private final Clock clock;
    private final ContactHealthPolicy health;

    public ReviewService(MemberAccess access, Validator validator, AnnualReviewRepository reviews, Clock clock,
            ContactHealthPolicy health) {
        this.health = health;
        this.access = access;
        this.validator = validator;
        this.reviews = reviews;
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
        if (reviews.exists(member.id, request.year())) {
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
        reviews.persist(review);
        return view(review);
    }

    /** One annual review of a member the caller may see; another member's, or an unknown one, is 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewView get(UUID memberId, UUID reviewId) {
        Member member = access.member(memberId);
        AnnualReview review = reviews.findById(reviewId);
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
        AnnualReviewRepository.Counts counts = reviews.counts(org.path, reviewYear);
        long done = counts.reviewed();
        long pending = counts.pending();
        Instant now = clock.instant();
        List<ReviewStatus> items = reviews.members(org.path, reviewYear, reviewed, page).stream()
                .map(m -> {
                    Assessment contacts = health.assess(m.contactHealth().failing(), m.contactHealth().registeredAt(),
                            m.contactHealth().confirmedAt(), now);
                    return new ReviewStatus(m.memberId(), m.name(), m.orgId(), m.verifiedAt() != null, m.verifiedAt(),
                            contacts.due(), contacts.reasons());
                })
                .toList();
        long total = reviewed == null ? done + pending : reviewed ? done : pending;
        return new ReviewList(reviewYear, done, pending, items, page.page, page.size, total);
    }
}
