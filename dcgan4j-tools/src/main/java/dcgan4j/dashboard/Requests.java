package dcgan4j.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the dashboard reads from a request besides its path. */
final class Requests {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private Requests() {}

    /** True when a {@code Host} header names this machine's loopback interface (any port). */
    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) { // a port, not part of an IPv6 address
            name = name.substring(0, colon);
        }
        return LOOPBACK.contains(name) || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** The parameters of a raw query string ({@code a=1&b=x%2Fy}); later ones win. */
    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return params;
    }

    /** A whole-number parameter; {@code otherwise} when absent or not a number. */
    static long longValue(Map<String, String> query, String name, long otherwise) {
        try {
            return Long.parseLong(query.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
