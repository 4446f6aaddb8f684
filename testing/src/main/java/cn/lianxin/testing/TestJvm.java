package cn.lianxin.testing;

import java.util.Map;

/**
 * How the JVMs a test starts (the packaged services of the system and fault scenarios) run: C1 only and the
 * serial collector. A test JVM lives for minutes, so the C2 compiler's work rarely pays back, and on two cores with a
 * dozen JVMs up (two scenario modules side by side in the -T2 build) its compiler and GC threads are what everyone
 * waits for. The services run so everywhere now (deploy/local's ServiceProcess, the images: docs/operations.md,
 * "Sizing"); this stays for the other JVMs the scenarios start. The test JVMs Maven
 * starts run C1 only too (surefire's {@code argLine} in the root pom, with their parallel collector), benchmarks excepted.
 */
public final class TestJvm {

    /** The options, as {@code JDK_JAVA_OPTIONS} hands them to every {@code java} started with that environment. */
    public static final String OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private TestJvm() {
    }

    /** The environment that makes a started {@code java} use {@link #OPTIONS}. */
    public static Map<String, String> environment() {
        return Map.of("JDK_JAVA_OPTIONS", OPTIONS);
    }
}
