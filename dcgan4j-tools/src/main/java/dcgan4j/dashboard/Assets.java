package dcgan4j.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The page and the files it loads, all from the classpath: the page's own HTML, script and style,
 * and the charting library uPlot from its WebJar (a Maven Central artifact). Nothing comes from a
 * CDN, so the page works on a machine without internet. Read once, at start.
 */
final class Assets {
    private static final String OWN = "/dcgan4j/dashboard/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/";
    private final Map<String, byte[]> files = new HashMap<>();

    Assets() {
        for (String name : new String[] {"index.html", "dashboard.js", "explorer.js", "dashboard.css"}) {
            files.put("/" + (name.equals("index.html") ? "" : name), read(OWN + name));
        }
        String version = uplotVersion();
        files.put("/uplot/uPlot.iife.min.js", read(UPLOT + version + "/dist/uPlot.iife.min.js"));
        files.put("/uplot/uPlot.min.css", read(UPLOT + version + "/dist/uPlot.min.css"));
    }

    /** The asset at a request path, null when there is none. */
    byte[] get(String path) {
        return files.get(path);
    }

    static String type(String path) {
        return Responses.type(path.equals("/") ? "index.html" : path);
    }

    private static String uplotVersion() {
        Properties pom = new Properties();
        try (InputStream in = stream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = Assets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the dashboard's " + resource + " is missing from the classpath");
        }
        return in;
    }
}
