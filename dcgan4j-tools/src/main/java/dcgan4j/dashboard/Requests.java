package dcgan4j.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * A required whole number in {@code [min, max]}.
     *
     * @throws IllegalArgumentException naming the parameter when it is missing, not a number or out of range
     */
    static long number(Map<String, String> query, String name, long min, long max) {
        return parse(query.get(name), name, min, max);
    }

    /** A whole number in {@code [min, max]}, {@code otherwise} when absent. */
    static long number(Map<String, String> query, String name, long min, long max, long otherwise) {
        return query.containsKey(name) ? parse(query.get(name), name, min, max) : otherwise;
    }

    /** A required list of 1 to {@code most} whole numbers in {@code [min, max]}, comma-separated. */
    static List<Long> numbers(Map<String, String> query, String name, int most, long min, long max) {
        if (!query.containsKey(name)) {
            throw new IllegalArgumentException(name + " is missing");
        }
        String[] parts = query.get(name).split(",", -1);
        if (parts.length > most) {
            throw new IllegalArgumentException(name + " takes at most " + most + " numbers, got " + parts.length);
        }
        List<Long> values = new ArrayList<>();
        for (String part : parts) {
            values.add(parse(part, name, min, max));
        }
        return values;
    }

    private static long parse(String text, String name, long min, long max) {
        if (text == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        String shown = text.length() > 20 ? text.substring(0, 20) + "…" : text;
        throw new IllegalArgumentException(
                name + " must be a whole number from " + min + " to " + max + ", got '" + shown + "'");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
