package cn.lianxin.platform.problem;

/** Problem type URIs: the HTTP status is the type unless a finer one is needed (RFC 9457 §4.2). */
final class ProblemTypes {
    private ProblemTypes() {
    }

    static String of(int status) {
        return "https://lianxin.cn/problems/" + status;
    }
}
