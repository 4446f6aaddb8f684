package cn.lianxin.platform.problem;

/** Problem type URIs: the HTTP status is the type unless a finer one is needed (RFC 9457 §4.2). */
public final class ProblemTypes {
    private ProblemTypes() {
    }

    public static String of(int status) {
        return "https://lianxin.cn/problems/" + status;
    }
}
