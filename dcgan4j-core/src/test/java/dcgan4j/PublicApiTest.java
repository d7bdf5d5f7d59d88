package dcgan4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's API is what each package declares with {@link PublicApi} in its package-info, and no
 * more: every public top-level class of dcgan4j-core's compiled classes must be declared there, and
 * every declared class must be a public top-level class of that package. The package-info's Javadoc
 * names the same classes, so a reader of the source sees the API too.
 */
class PublicApiTest {
    /** Leaving dcgan4j-core for dcgan4j-tools: not the core's API, and not checked here. */
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

    @Test
    void everyPublicClassOfTheCoreIsDeclaredInItsPackageInfo() throws IOException, URISyntaxException {
        Map<String, Set<String>> publicClasses = publicTopLevelClasses();
        assertThat(publicClasses).as("packages found in %s", classesDir()).containsKeys("dcgan4j", "dcgan4j.train");
        List<String> problems = new ArrayList<>();
        for (var entry : publicClasses.entrySet()) {
            String pkg = entry.getKey();
            PublicApi api = declaration(pkg);
            if (api == null) {
                problems.add("package " + pkg + " declares no API: give its package-info.java @PublicApi({...})");
                continue;
            }
            Set<String> declared = new TreeSet<>();
            for (Class<?> c : api.value()) {
                declared.add(c.getName());
                if (!c.getPackageName().equals(pkg) || c.getEnclosingClass() != null) {
                    problems.add(c.getName() + " is declared in " + pkg + "'s package-info but is not a top-level class"
                            + " of that package; declare it in its own package's package-info");
                } else if (!Modifier.isPublic(c.getModifiers())) {
                    problems.add(c.getName() + " is declared API but is not public; make it public or remove it from"
                            + " @PublicApi in " + pkg + "'s package-info");
                }
            }
            for (String c : entry.getValue()) {
                if (!declared.contains(c)) {
                    problems.add(c + " became public; declare it in @PublicApi of " + pkg
                            + "'s package-info (and name it in its Javadoc) or make it package-private");
                }
            }
            problems.addAll(undocumented(pkg, api));
        }
        assertThat(problems)
                .as("the core's public API against its package-info declarations")
                .isEmpty();
    }

    /** Public top-level classes by package, from dcgan4j-core's compiled classes (loaded, not initialised). */
    private static Map<String, Set<String>> publicTopLevelClasses() throws IOException, URISyntaxException {
        Path root = classesDir();
        Map<String, Set<String>> byPackage = new TreeMap<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : classFiles) {
            String relative = root.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            String name =
                    relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            String pkg = name.substring(0, name.lastIndexOf('.'));
            Set<String> classes = byPackage.computeIfAbsent(pkg, p -> new TreeSet<>());
            if (name.contains("$") || name.endsWith(".package-info")) {
                continue;
            }
            if (Modifier.isPublic(load(name).getModifiers())) {
                classes.add(name);
            }
        }
        return byPackage;
    }

    /** The package's declaration, or null when it has no package-info class (none, or one without annotations). */
    private static PublicApi declaration(String pkg) {
        try {
            return Class.forName(pkg + ".package-info", false, PublicApiTest.class.getClassLoader())
                    .getAnnotation(PublicApi.class);
        } catch (ClassNotFoundException noPackageInfo) {
            return null;
        }
    }

    /** Declared classes that the package-info's Javadoc does not name. */
    private static List<String> undocumented(String pkg, PublicApi api) throws IOException {
        Path source = Path.of("src/main/java", pkg.replace('.', '/'), "package-info.java");
        if (!Files.isRegularFile(source)) {
            return List.of(); // not run from dcgan4j-core's directory: the annotation is checked above all the same
        }
        Matcher javadoc = JAVADOC.matcher(Files.readString(source));
        String text = javadoc.find() ? javadoc.group(1) : "";
        List<String> missing = new ArrayList<>();
        for (Class<?> c : api.value()) {
            if (!Pattern.compile("\\b" + c.getSimpleName() + "\\b")
                    .matcher(text)
                    .find()) {
                missing.add(c.getName() + " is declared in @PublicApi but not named in " + pkg
                        + "'s package-info Javadoc; name it there");
            }
        }
        return missing;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is not on the test class path", e);
        }
    }

    /** dcgan4j-core's main classes: where {@link PublicApi} was loaded from. */
    private static Path classesDir() throws URISyntaxException {
        Path dir = Path.of(PublicApi.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(dir).as("dcgan4j-core's classes as a directory").isDirectory();
        return dir;
    }
}
