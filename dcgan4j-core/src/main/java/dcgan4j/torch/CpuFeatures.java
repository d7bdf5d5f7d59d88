package dcgan4j.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the CPU offers for 16-bit arithmetic. oneDNN runs bfloat16 convolutions natively only with
 * AVX512_BF16 or AMX-BF16; without them it has to convert to float32 and back, so bf16 can cost time
 * instead of saving it. libtorch reports only its vector level (AVX2, AVX512), not these, so the
 * kernel's flags are read, on Linux.
 */
public final class CpuFeatures {
    private static final Set<String> BF16_FLAGS = Set.of("avx512_bf16", "amx_bf16");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    private CpuFeatures() {}

    /** True when the CPU has bfloat16 instructions; false when it has none or cannot tell (not Linux). */
    public static boolean bf16() {
        return field("flags")
                .map(line -> WORDS.splitAsStream(line).anyMatch(BF16_FLAGS::contains))
                .orElse(false);
    }

    /**
     * {@code AuthenticAMD AMD EPYC, family 26, model 2, stepping 1}: what names a processor model,
     * as {@code lscpu} does; reproducibility and native kernels' faults go by it.
     */
    public static String describe() {
        return field("vendor_id").orElse("unknown vendor") + " "
                + field("model name").orElse(System.getProperty("os.arch"))
                + ", family " + field("cpu family").orElse("?") + ", model "
                + field("model").orElse("?")
                + ", stepping " + field("stepping").orElse("?");
    }

    /** The value of the first {@code /proc/cpuinfo} line named {@code name}; empty off Linux. */
    private static Optional<String> field(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith(name)
                            && line.substring(name.length()).trim().startsWith(":"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
