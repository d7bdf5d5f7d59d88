package dcgan4j.dist;

/**
 * A failure of the process group: the store unreachable, a peer gone, a collective timed out. Its
 * message is one line meant for the user; libtorch's own text (with its native stack) is the cause.
 */
public final class DistributedException extends RuntimeException {
    public DistributedException(String message, Throwable cause) {
        super(message, cause);
    }

    public DistributedException(String message) {
        super(message);
    }

    /** libtorch's message up to its native stack trace. */
    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
