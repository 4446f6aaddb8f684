package cn.lianxin.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout every service keeps (docs/architecture.md §6): {@code rest/} (resources) → {@code service/} (use cases,
 * transactions, their commands, views and emitted events) → {@code repository/} (all SQL) → {@code domain/} (pure
 * rules and values); {@code messaging/} for consumers; dependencies one way only. Every rule holds without exception
 * in the four services (the debt frozen when the rules came in is paid): any violation fails the build. A service's
 * {@code LayoutTest} extends this with its base package. Plain JUnit: no application starts.
 */
public abstract class LayoutContract {

    private static final Set<String> QUERY_METHODS = Set.of("createQuery", "createNativeQuery", "createNamedQuery",
            "createSelectionQuery", "createMutationQuery", "createNamedSelectionQuery", "createNamedMutationQuery");
    private static final String ENTITY_MANAGER = "jakarta.persistence.EntityManager";
    private static final Set<String> JDBC_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

    private static final Set<String> SCALAR_RESULT_CLASSES = Set.of("String", "UUID", "Instant", "Long", "Integer",
            "Boolean", "BigDecimal", "LocalDate", "OffsetDateTime", "Short", "Double");

    private JavaClasses classes;

    /** The service's root package, e.g. {@code cn.lianxin.tracking}. */
    protected abstract String basePackage();

    private JavaClasses classes() {
        if (classes == null) {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(basePackage());
        }
        return classes;
    }

    private String layer(String name) {
        return basePackage() + "." + name + "..";
    }

    private void check(ArchRule rule) {
        rule.check(classes());
    }

    @Test
    void theDomainDependsOnNoOtherLayerAndNoFramework() {
        check(noClasses().that().resideInAPackage(layer("domain"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("rest"), layer("service"),
                        layer("repository"), layer("messaging"), layer("config"), "io.quarkus..", "jakarta.ws.rs..",
                        "jakarta.enterprise..", "jakarta.transaction..", "org.eclipse.microprofile..")
                .as("domain/ depends on no other layer of the service and on no framework")
                .allowEmptyShould(true));
    }

    @Test
    void restResourcesNeverTouchRepositoriesOrEntities() {
        check(noClasses().that().resideInAPackage(layer("rest"))
                .should().dependOnClassesThat().resideInAPackage(layer("repository"))
                .orShould().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity")
                .as("rest/ never touches a repository or an entity: it speaks to services in its own records")
                .allowEmptyShould(true));
    }

    @Test
    void noSqlOutsideRepositories() {
        DescribedPredicate<JavaMethodCall> runsSql = DescribedPredicate.describe(
                "run a query or SQL statement, or hand an EntityManager to a helper that does",
                call -> call.getTarget().getOwner().isAssignableTo(ENTITY_MANAGER)
                        && QUERY_METHODS.contains(call.getTarget().getName())
                        || call.getTarget().getOwner().isAssignableTo("java.sql.Connection")
                                && JDBC_METHODS.contains(call.getTarget().getName())
                        || call.getTarget().getOwner().getPackageName().startsWith(basePackage())
                                && call.getTarget().getRawParameterTypes().stream()
                                        .anyMatch(type -> type.isAssignableTo(ENTITY_MANAGER)));
        check(noClasses().that().resideOutsideOfPackage(layer("repository"))
                .should().callMethodWhere(runsSql)
                .as("no SQL outside repository/: queries and statements are the repositories' job")
                .allowEmptyShould(true));
    }

    /**
     * Hibernate 7.2 caches a native query's plan under a key that never equals the next call's when the query names a
     * scalar result class ({@code createNativeQuery(sql, String.class)}): every call adds an entry, all with the
     * SQL's hash, and a lookup compares against up to the cache's 2,048 entries. Profiled in case-service's burst,
     * one such look-up took 58 % of opening a case. A native query names {@code Tuple.class}, an entity, or no class
     * (and casts its single column). Checked in the service's sources and platform's.
     */
    @Test
    void nativeQueriesNameNoScalarResultClass() throws IOException {
        Pattern scalar = Pattern.compile("createNativeQuery\\((?:[^;]*?),\\s*(\\w+)\\.class\\)", Pattern.DOTALL);
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../platform/src/main/java"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher query = scalar.matcher(Files.readString(file));
                    while (query.find()) {
                        if (SCALAR_RESULT_CLASSES.contains(query.group(1))) {
                            offenders.add(file + ": " + query.group(1) + ".class");
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("native queries naming a scalar result class").isEmpty();
    }

    @Test
    void theServicesPackagesHaveNoCycles() {
        check(slices().matching(basePackage() + ".(*)..").should().beFreeOfCycles()
                .as("the service's packages depend on each other one way only")
                .allowEmptyShould(true));
    }
}
