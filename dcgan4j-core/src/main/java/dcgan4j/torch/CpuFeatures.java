package dcgan4j.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> WORDS.splitAsStream(line).anyMatch(BF16_FLAGS::contains))
                    .orElse(false);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
