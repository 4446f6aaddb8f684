package cn.lianxin.local;

/**
 * The local stack will not go on, because going on could destroy something it does not own. Its message says
 * what is in the way and how to proceed; it is printed without a stack trace, which would only hide it.
 */
final class Refusal extends RuntimeException {

    Refusal(String message) {
        super(message);
    }
}
