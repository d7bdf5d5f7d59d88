package dcgan4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The public top-level classes of a package of dcgan4j-core: what a library user or another
 * package may use. Every core package declares its API with this annotation in its
 * {@code package-info.java}, and every other class of the package is package-private; a test
 * (PublicApiTest) fails when a class becomes public without being declared here, or a declared
 * class is no longer public.
 */
@Documented
@Target(ElementType.PACKAGE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PublicApi {
    /** The package's public top-level classes; empty when the package has none. */
    Class<?>[] value();
}
