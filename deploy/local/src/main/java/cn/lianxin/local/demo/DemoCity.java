package cn.lianxin.local.demo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * X市, the demo city of the local stack, loaded through the public APIs exactly as front-ends and integrating
 * systems would: one municipal committee, six district/county committees, two general branches under each
 * and ten branches under those (120 branches), 20,000 members, 10% of them flowing with a liaison, a month of
 * contacts in which 300 members have gone quiet (40 of them long enough to be suspected lost), then a month of
 * daily scans, so that work lists, cases, notifications and the monthly report have content; and the policy features
 * at work ({@link DemoPolicies}): a campaign in progress, rosters filed and returned, a lookup answered, an overdue
 * report-in and a confirmed transfer receipt.
 *
 * <p>The register arrives as a 花名册 import (one .xlsx, one job), the way a city onboards its roster; the
 * calls that depend on each other are made in order, the independent ones a few at once, and two services work side
 * by side where the data allows (member-service takes the flow members while tracking-service consumes the register
 * and logs the contacts of the members at home). Each stage's time is printed with the figures.
 */
public final class DemoCity {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** How long the register may stay unconsumed before the load gives up: progress, however slow, is waited for. */
    private static final Duration STALLED_AFTER = Duration.ofMinutes(2);
    private static final int MEMBERS = 20_000;
    private static final int QUIET_FLOW_MEMBERS = 260;
    private static final int LOST_MEMBERS = 40;
    /** Contact sheets sent at once: more only lengthen each request (tracking-service's work is CPU-bound). */
    private static final int CONTACT_SHEETS_AT_ONCE = 8;
    private static final String[][] DISTRICTS = {
            { "海河区", "新华街道", "和平街道" }, { "新城区", "东风街道", "建设街道" }, { "东山区", "朝阳街道", "光明街道" },
            { "西湖区", "湖滨街道", "北山街道" }, { "青林县", "青林镇", "石桥镇" }, { "白水县", "白水镇", "柳林乡" } };
    private static final String[] COMMUNITIES = { "幸福", "和谐", "阳光", "长青", "春晖", "金桥", "兴旺", "永安", "富民", "团结" };
    private static final int BRANCHES = DISTRICTS.length * 2 * COMMUNITIES.length;

    private final DemoApi api;
    private final Function<UUID, String> organizerToken;
    private final List<UUID> districts = new ArrayList<>();
    private final Urls urls;
    private final FictitiousPeople people = new FictitiousPeople(2027);
    private final ZonedDateTime now;
    private final LocalDate today;

    /** Where the four services listen. */
    public record Urls(String member, String tracking, String cases, String notification) {
    }

    /** What was loaded, for the welcome text. */
    public record Figures(UUID city, UUID sampleBranch, int branches, int members, int flowing, int quiet, int cases,
            UUID campaign, Duration took, String stages) {
    }

    private DemoCity(String adminToken, Function<UUID, String> organizerToken, Urls urls, Clock clock) {
        this.api = new DemoApi(adminToken);
        this.organizerToken = organizerToken;
        this.urls = urls;
        this.now = ZonedDateTime.now(clock).withZoneSameInstant(SHANGHAI);
        this.today = now.toLocalDate();
    }

    /** @param organizerToken a token of an ORG_ADMIN (组织员) of the given org */
    public static Figures load(String adminToken, Function<UUID, String> organizerToken, Urls urls) {
        return new DemoCity(adminToken, organizerToken, urls, Clock.systemUTC()).load();
    }

    private Figures load() {
        long started = System.nanoTime();
        Stages stages = new Stages();
        List<Org> tree = stages.time("orgs", this::organizations);
        UUID city = tree.get(0).id;
        List<Org> branches = tree.stream().filter(org -> org.type.equals("BRANCH")).toList();
        List<UUID> branchIds = branches.stream().map(Org::id).toList();
        List<Map<String, Object>> registrations = registrations(branchIds);
        List<DemoMember> members = stages.time("register", () -> members(city, branches, registrations));
        List<DemoMember> flowing = members.stream().filter(DemoMember::flowing).toList();
        Map<DemoMember, Map<String, Object>> outflows = new LinkedHashMap<>();
        flowing.forEach(m -> outflows.put(m, outflow()));
        Contacts contacts = contacts(members, flowing);
        // While member-service takes the flow members, tracking-service consumes the register, then logs the contacts of
        // the members at home: two services at work, not one after the other.
        api.inParallel(List.<Runnable>of(() -> stages.run("flow members", () -> flowMembers(members, outflows)), () -> {
            stages.run("tracking knows the register", () -> awaitTrackingKnows(city, members.size()));
            stages.run("contacts at home", () -> record(contacts.atHome()));
        }), 2, Runnable::run);
        stages.run("tracking knows who flows", () -> awaitTrackingKnowsFlowing(flowing));
        stages.run("contacts of flow members", () -> record(contacts.away()));
        List<DemoMember> lost = contacts.lost();
        stages.run("scans", this::scans);
        List<UUID> cases = stages.time("cases", () -> cases(lost));
        UUID campaign = stages.time("policies", () -> {
            DemoPolicies policies = new DemoPolicies(api, new DemoApi(organizerToken.apply(city)), urls, today);
            DemoPolicies.Shown shown = policies.show(districts.get(0), branchIds.subList(0, 2), cases.get(5));
            List<DemoMember> atHome = members.stream().filter(m -> !m.flowing()).limit(2).toList();
            policies.handshakes(atHome.get(0).id(), atHome.get(1).id(), branchIds.get(branchIds.size() - 1));
            policies.reconciliation(registration(branchIds.get(0)), registration(branchIds.get(0)),
                    branchIds.get(branchIds.size() - 1), members.stream()
                            .filter(m -> !m.flowing() && m.branch().equals(branchIds.get(0))).skip(2).findFirst().orElseThrow().id());
            return shown.campaign();
        });
        UUID sampleBranch = lost.get(0).branch(); // has members overdue, uncontrolled and lost: a full work list
        return new Figures(city, sampleBranch, branches.size(), members.size(), flowing.size(), QUIET_FLOW_MEMBERS + LOST_MEMBERS,
                cases.size(), campaign, Duration.ofNanos(System.nanoTime() - started), stages.toString());
    }

    /** An organization of the tree: created level by level, its parent before it. */
    private static final class Org {
        final Org parent;
        final String type;
        final Map<String, Object> body;
        volatile UUID id;

        Org(Org parent, String type, Map<String, Object> body) {
            this.parent = parent;
            this.type = type;
            this.body = body;
        }

        UUID id() {
            return id;
        }

        String name() {
            return (String) body.get("name");
        }
    }

    /**
     * The city committee, its districts, their general branches and branches (depth first, as they are drawn),
     * created a level at a time, the organizations of a level at once.
     */
    private List<Org> organizations() {
        List<Org> tree = new ArrayList<>();
        Org city = new Org(null, "COMMITTEE", orgBody("COMMITTEE", "中共X市委员会"));
        tree.add(city);
        for (String[] district : DISTRICTS) {
            Org committee = new Org(city, "COMMITTEE", orgBody("COMMITTEE", "中共X市" + district[0] + "委员会"));
            tree.add(committee);
            for (int street = 1; street <= 2; street++) {
                String place = district[0] + district[street];
                Org general = new Org(committee, "GENERAL_BRANCH", orgBody("GENERAL_BRANCH", "中共X市" + place + "总支部委员会"));
                tree.add(general);
                for (String community : COMMUNITIES) {
                    tree.add(new Org(general, "BRANCH", orgBody("BRANCH", "中共X市" + place + community + "社区支部委员会")));
                }
            }
        }
        city.id = id(api.post(urls.member() + "/api/v1/orgs", city.body));
        for (String level : List.of("COMMITTEE", "GENERAL_BRANCH", "BRANCH")) {
            List<Org> below = tree.stream().filter(org -> org.parent != null && org.type.equals(level)).toList();
            List<JsonNode> created = api.forEach(below, org -> {
                org.body.put("parentId", org.parent.id);
                return api.postAsync(urls.member() + "/api/v1/orgs", org.body);
            });
            for (int i = 0; i < below.size(); i++) {
                below.get(i).id = id(created.get(i));
            }
        }
        tree.stream().filter(org -> org.parent == city).forEach(org -> districts.add(org.id));
        return tree;
    }

    private Map<String, Object> orgBody(String type, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("secretary", person("书记"));
        body.put("organizer", person("组织委员"));
        body.put("wechatGroupUrl", "https://weixin.qq.com/g/lianxin-demo-" + Math.abs(name.hashCode()));
        body.put("webAddress", "https://djw.example.org/x-city");
        return body;
    }

    private Map<String, Object> person(String role) {
        return Map.of("name", people.name() + role, "phone", people.phone(), "wechat", "wx_" + people.phone());
    }

    /** The register: member i in branch i mod 120. */
    private List<Map<String, Object>> registrations(List<UUID> branches) {
        List<Map<String, Object>> registrations = new ArrayList<>(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            registrations.add(registration(branches.get(i % branches.size())));
        }
        return registrations;
    }

    /**
     * The register as the city's organization department onboards it: a 花名册 (.xlsx) of every member, each placed in
     * their branch with the channel they prefer, imported into the city committee (a job: polled until it succeeded),
     * their ids then learnt from each branch's list (matched by phone, unique in the demo).
     */
    private List<DemoMember> members(UUID city, List<Org> branches, List<Map<String, Object>> registrations) {
        Map<Object, String> names = new HashMap<>();
        branches.forEach(branch -> names.put(branch.id, branch.name()));
        byte[] roster = DemoRoster.of(registrations, names::get);
        URI job = api.postFile(urls.member() + "/api/v1/orgs/" + city + "/roster", DemoRoster.XLSX, roster);
        UUID[] ids = new UUID[registrations.size()];
        Awaitility.await("the roster import " + job).atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode status = api.get(job.toString());
                    String state = status.path("status").asText();
                    if (Set.of("REFUSED", "FAILED", "ABANDONED").contains(state)) {
                        throw new IllegalStateException("the demo roster import ended " + state + ": " + status);
                    }
                    return state.equals("SUCCEEDED");
                });
        Map<String, Integer> indexOfPhone = new HashMap<>();
        for (int i = 0; i < registrations.size(); i++) {
            indexOfPhone.put((String) registrations.get(i).get("phone"), i);
        }
        api.forEach(branches, branch -> api.getAsync(urls.member() + "/api/v1/orgs/" + branch.id + "/members?size=200"))
                .forEach(page -> page.path("items").forEach(member -> {
                    Integer index = indexOfPhone.get(member.path("phone").asText());
                    if (index != null) {
                        ids[index] = UUID.fromString(member.path("id").asText());
                    }
                }));
        List<DemoMember> members = new ArrayList<>(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            if (ids[i] == null) {
                throw new IllegalStateException("member " + i + " of the demo roster is not listed in their branch");
            }
            members.add(new DemoMember(ids[i], branches.get(i % branches.size()).id, i));
        }
        return members;
    }

    private Map<String, Object> registration(UUID branch) {
        boolean male = people.chance(0.7);
        LocalDate birthDate = people.birthDate(today);
        boolean probationary = people.chance(0.06);
        LocalDate joinedAt = probationary ? today.minusDays(people.between(30, 330))
                : birthDate.plusYears(people.between(19, 21)).plusDays(people.between(0, 3000));
        if (!probationary && joinedAt.isAfter(today.minusYears(2))) {
            joinedAt = today.minusYears(2).minusDays(people.between(0, 365)); // regularized (转正) a year later, in the past
        }
        String phone = people.phone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", people.name());
        body.put("idNumber", people.idNumber(birthDate, male));
        body.put("gender", male ? "MALE" : "FEMALE");
        body.put("ethnicity", people.ethnicity());
        body.put("birthDate", birthDate);
        body.put("education", people.education());
        body.put("occupation", people.occupation());
        body.put("phone", phone);
        body.put("wechat", "wx_" + phone);
        body.put("email", "m" + phone + "@example.org");
        body.put("residenceAddress", "X市" + DISTRICTS[people.between(0, DISTRICTS.length)][0] + "示范路" + people.between(1, 300) + "号");
        body.put("orgId", branch);
        body.put("category", probationary ? "PROBATIONARY" : "FULL");
        body.put("joinedAt", joinedAt);
        if (!probationary) {
            body.put("regularizedAt", joinedAt.plusYears(1));
        }
        body.put("emergencyContact", Map.of("name", people.name(), "relation", people.chance(0.5) ? "配偶" : "子女", "phone", people.phone()));
        body.put("preferredChannel", people.chance(0.6) ? "WECHAT" : people.chance(0.7) ? "SMS" : "EMAIL");
        List<String> focusTags = new ArrayList<>(); // 重点关注 of the special checks
        if (!birthDate.isAfter(today.minusYears(80))) {
            focusTags.add("OVER_80");
        }
        if (people.chance(0.03)) {
            focusTags.add("HARDSHIP");
        }
        if (people.chance(0.01)) {
            focusTags.add("SERIOUS_ILLNESS");
        }
        if (!focusTags.isEmpty()) {
            body.put("focusTags", focusTags);
        }
        return body;
    }

    /** Flow members are registered with 四个清楚 and a liaison from the branch: its first member at home. */
    private void flowMembers(List<DemoMember> members, Map<DemoMember, Map<String, Object>> outflows) {
        Map<UUID, UUID> liaisonOfBranch = new LinkedHashMap<>();
        members.stream().filter(m -> !m.flowing()).forEach(m -> liaisonOfBranch.putIfAbsent(m.branch(), m.id()));
        api.inParallel(List.copyOf(outflows.keySet()), m -> {
            String member = urls.member() + "/api/v1/members/" + m.id();
            api.putIfMatch(member + "/liaison", api.etag(member), Map.of("liaisonMemberId", liaisonOfBranch.get(m.branch())));
            api.post(member + "/outflows", outflows.get(m));
        });
    }

    private Map<String, Object> outflow() {
        String phone = people.phone();
        String[] destinations = { "广东省深圳市", "浙江省杭州市", "江苏省苏州市", "上海市浦东新区", "北京市朝阳区" };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nature", people.chance(0.8) ? "TEMPORARY" : "PERMANENT");
        body.put("leftAt", today.minusDays(people.between(60, 400)));
        body.put("phone", phone);
        body.put("wechat", "wx_" + phone);
        body.put("destination", Map.of("place", destinations[people.between(0, destinations.length)], "workUnit", "示范制造有限公司"));
        body.put("backupContact", Map.of("name", people.name(), "relation", "父母", "phone", people.phone()));
        body.put("reason", "外出务工");
        return body;
    }

    /**
     * A month of contact logs: in the last three weeks every member at home attended org life and paid dues, and
     * every flow member was called by their liaison and paid dues online — except 300 flow members who went quiet:
     * 260 last reached 35 to 80 days ago (due, overdue, uncontrolled) and 40 last reached 130 to 200 days ago
     * (lost contact suspected). The 260 had been reached every month before, and every other one has not answered two
     * calls since ({@link #quietHistory}): the at-risk list (流失风险) shows them. Drawn here, logged by {@link #record}.
     */
    private Contacts contacts(List<DemoMember> members, List<DemoMember> flowing) {
        Set<DemoMember> quiet = new HashSet<>(flowing.subList(0, QUIET_FLOW_MEMBERS));
        List<DemoMember> lost = flowing.subList(QUIET_FLOW_MEMBERS, QUIET_FLOW_MEMBERS + LOST_MEMBERS);
        Map<UUID, List<Map<String, Object>>> atHome = new LinkedHashMap<>();
        Map<UUID, List<Map<String, Object>>> away = new LinkedHashMap<>();
        for (DemoMember member : members) {
            List<Map<String, Object>> sheet = (member.flowing() ? away : atHome).computeIfAbsent(member.branch(), b -> new ArrayList<>());
            if (quiet.contains(member)) {
                sheet.addAll(quietHistory(member, daysAgo(people.between(35, 80))));
            } else if (lost.contains(member)) {
                sheet.add(contact(member, daysAgo(people.between(130, 200)), "PHONE"));
            } else {
                OffsetDateTime reached = daysAgo(people.between(3, 21));
                sheet.add(contact(member, reached, member.flowing() ? "PHONE" : "ORG_LIFE"));
                sheet.add(contact(member, reached.plusMinutes(30), "DUES"));
            }
        }
        return new Contacts(List.copyOf(atHome.values()), List.copyOf(away.values()), lost);
    }

    /** The month's contact logs, a sheet per branch for the members at home and one for its flow members; the 40 lost. */
    private record Contacts(List<List<Map<String, Object>>> atHome, List<List<Map<String, Object>>> away,
            List<DemoMember> lost) {
    }

    /** Logs the sheets, a few at once: tracking-service records each in one transaction, on two cores. */
    private void record(List<List<Map<String, Object>>> sheets) {
        api.inParallel(sheets, CONTACT_SHEETS_AT_ONCE, sheet -> api.post(urls.tracking() + "/api/v1/contacts/batch",
                Map.of("items", sheet)));
    }

    /**
     * A quiet flow member's calls, for the loss-risk score (流失风险): the liaison reached them every month until
     * {@code last}, so that their silence since is long against their own rhythm; every other one then did not answer
     * twice.
     */
    private List<Map<String, Object>> quietHistory(DemoMember member, OffsetDateTime last) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int months = 3; months >= 0; months--) {
            calls.add(contact(member, last.minusDays(30L * months), "PHONE"));
        }
        if (member.index() % 2 == 0) {
            calls.add(Map.of("memberId", member.id(), "at", last.plusDays(14), "channel", "PHONE", "outcome", "NOT_REACHED"));
            calls.add(Map.of("memberId", member.id(), "at", last.plusDays(28), "channel", "PHONE", "outcome", "NOT_REACHED"));
        }
        return calls;
    }

    private Map<String, Object> contact(DemoMember member, OffsetDateTime at, String channel) {
        return Map.of("memberId", member.id(), "at", at, "channel", channel, "outcome", "REACHED");
    }

    private OffsetDateTime daysAgo(int days) {
        return now.minusDays(days).withHour(people.between(9, 18)).withMinute(0).withSecond(0).withNano(0).toOffsetDateTime();
    }

    /**
     * The register reaches tracking-service through member.events: before contacts are logged, wait until it has
     * every member, and every flow member's outflow.
     */
    private void awaitTrackingKnows(UUID city, int members) {
        awaitProgress("tracking-service to know all " + members + " members",
                () -> api.get(urls.tracking() + "/api/v1/orgs/" + city + "/compliance").path("subtree").path("members").asInt(),
                members);
    }

    /** Every flow member's outflow reaches tracking-service through member.events too. */
    private void awaitTrackingKnowsFlowing(List<DemoMember> flowing) {
        Set<DemoMember> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(flowing);
        awaitProgress("tracking-service to know that all " + flowing.size() + " flow members are flowing", () -> {
            api.inParallel(List.copyOf(pending), member -> {
                if (api.get(urls.tracking() + "/api/v1/members/" + member.id() + "/contact-status").path("flowing").asBoolean()) {
                    pending.remove(member);
                }
            });
            return flowing.size() - pending.size();
        }, flowing.size());
    }

    /** A month of daily scans, as the schedule would have run them. */
    private void scans() {
        for (int day = 30; day >= 0; day--) {
            Map<String, Object> asOf = Map.of("asOf", now.minusDays(day).toOffsetDateTime());
            api.post(urls.tracking() + "/api/v1/scans", asOf);
        }
        Map<String, Object> asOf = Map.of("asOf", now.toOffsetDateTime());
        api.post(urls.member() + "/api/v1/scans", asOf);
        api.post(urls.cases() + "/api/v1/scans", asOf);
    }

    /**
     * The 40 cases opened from {@code LostContactSuspected}, taken to different stages: some untouched (still "to
     * be completed"), some completed with their 失联情形, one closed because the member had died, some with search
     * attempts, some found, some found and brought back into management (纳入管理).
     */
    private List<UUID> cases(List<DemoMember> lost) {
        UUID[] caseIds = new UUID[lost.size()];
        List<Integer> indexes = IntStream.range(0, lost.size()).boxed().toList();
        api.inParallel(indexes, i -> caseIds[i] = awaitCase(lost.get(i)));
        String[] situations = { "MIGRANT_WORK", "ENTERPRISE_RESTRUCTURED", "GRADUATE_UNKNOWN", "MOVED" };
        api.inParallel(indexes.subList(4, indexes.size()), i -> { // each case's steps in order, the cases at once
            String caseUrl = urls.cases() + "/api/v1/cases/" + caseIds[i];
            api.patch(caseUrl, Map.of("situation", situations[i % situations.length], "cause", "外出后更换联系方式，原号码停机"));
            if (i == 11) { // the 12th died: his case closes on its own
                api.post(urls.member() + "/api/v1/members/" + lost.get(11).id() + "/standing-changes", Map.of("to", "DECEASED",
                        "reason", "因病去世", "diedOn", today.minusMonths(2), "learnedHow", "查找中经亲属告知"));
            }
            if (i < 12) {
                return;
            }
            attempt(caseUrl, "PHONE", "NO_TRACE", "电话无人接听");
            attempt(caseUrl, "VISIT_HOME", "NO_TRACE", "上门走访，家中无人");
            attempt(caseUrl, "RELATIVES_NEIGHBOURS", "LEAD", "邻居提供了务工地线索");
            if (i >= 28) {
                api.post(caseUrl + "/found", Map.of("at", now.minusHours(1).toOffsetDateTime(), "how", "经亲属联系上本人", "note", "已恢复联系"));
            }
            if (i >= 34) {
                api.post(caseUrl + "/decisions", reintegration());
            }
        });
        return List.of(caseIds);
    }

    private void attempt(String caseUrl, String channel, String result, String note) {
        api.post(caseUrl + "/attempts", Map.of("at", now.minusHours(3).toOffsetDateTime(), "channel", channel, "result", result, "note", note));
    }

    private Map<String, Object> reintegration() {
        Map<String, Object> procedure = new LinkedHashMap<>();
        procedure.put("body", "支部大会");
        procedure.put("meetingDate", today);
        procedure.put("eligible", 30);
        procedure.put("present", 25);
        procedure.put("votesFor", 24);
        procedure.put("votesAgainst", 0);
        procedure.put("abstentions", 1);
        procedure.put("talkRecord", "支部书记与本人谈话，本人表示愿意参加组织生活");
        procedure.put("approvalRef", "X组字〔" + today.getYear() + "〕1号");
        return Map.of("type", "REINTEGRATED", "procedure", procedure, "reintegration", "RELATIONSHIP_KEPT",
                "note", "恢复联系，纳入管理");
    }

    /** case-service opens the case when it consumes LostContactSuspected; wait for it. */
    private UUID awaitCase(DemoMember member) {
        String url = urls.cases() + "/api/v1/members/" + member.id() + "/cases";
        awaitUntil("a case for lost member " + member.id(), () -> api.get(url).size() > 0);
        return UUID.fromString(api.get(url).get(0).get("id").asText());
    }

    /** Polls {@code condition} (the services are eventually consistent through Kafka) for up to two minutes. */
    private static void awaitUntil(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(condition::getAsBoolean);
    }

    /**
     * Waits until {@code count} reaches {@code target} for as long as it keeps rising (a busy machine consumes the
     * register more slowly, not never); gives up after two minutes without progress.
     */
    private static void awaitProgress(String what, IntSupplier count, int target) {
        int[] highest = {-1};
        long[] progressAt = {System.nanoTime()};
        Awaitility.await(what).forever().pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int now = count.getAsInt();
            if (now > highest[0]) {
                highest[0] = now;
                progressAt[0] = System.nanoTime();
            }
            if (now < target && System.nanoTime() - progressAt[0] > STALLED_AFTER.toNanos()) {
                throw new IllegalStateException(what + ": " + now + " of " + target + ", and no progress for "
                        + STALLED_AFTER.toMinutes() + " minutes");
            }
            return now >= target;
        });
    }

    private static UUID id(JsonNode created) {
        return UUID.fromString(created.get("id").asText());
    }

    private record DemoMember(UUID id, UUID branch, int index) {
        /** One member in ten of every branch is away (流动党员); members are dealt to the branches in turn. */
        boolean flowing() {
            return (index / BRANCHES) % 10 == 3;
        }
    }
}
