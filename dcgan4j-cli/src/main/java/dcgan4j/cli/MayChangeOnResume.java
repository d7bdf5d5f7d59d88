package dcgan4j.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option about where and how this process runs — where the data lies, how many threads,
 * what it logs or serves — rather than what the run computes: {@code train --resume} accepts it.
 * The training settings that may change on resume are the library's schedule
 * ({@code TrainConfig.SCHEDULE}); {@link ResumableOptions} joins the two.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface MayChangeOnResume {}
