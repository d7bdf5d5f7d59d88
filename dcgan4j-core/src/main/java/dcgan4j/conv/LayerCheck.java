package dcgan4j.conv;

import dcgan4j.torch.Precision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of checking one convolution shape in one arithmetic: each kernel tried, in order of
 * preference, and the first that agreed with float64 ({@code chosen}; null when none did).
 */
public record LayerCheck(ConvShape shape, Precision precision, List<KernelError> tried, ConvKernel chosen) {
    public LayerCheck {
        tried = List.copyOf(tried);
    }

    /** The largest relative error a kernel may show in this arithmetic and still count as right. */
    public double tolerance() {
        return KernelCheck.tolerance(precision);
    }

    /** {@code conv2d 256->1 4x4->1x1 k4 s1 p0 in fp32: libtorch's input gradient 0.65 from float64 (tolerance 1e-04)}. */
    public String failuresOf(ConvKernel kernel) {
        return shape + " in " + precision + ": "
                + errorOf(kernel)
                        .map(e -> kernel + "'s " + e.beyond(tolerance()))
                        .orElse(kernel + " not tried") + " from float64 (tolerance " + formattedTolerance() + ")";
    }

    /** The kernels tried before the chosen one, which were wrong (all tried, when none was right). */
    public List<KernelError> passedOver() {
        int end = 0;
        while (end < tried.size() && tried.get(end).kernel() != chosen) {
            end++;
        }
        return tried.subList(0, end);
    }

    /** Whether a kernel preferred to the chosen one was wrong: then the user is told. */
    public boolean fellBack() {
        return !passedOver().isEmpty();
    }

    /** The error of {@code kernel} here, if it was tried. */
    public Optional<KernelError> errorOf(ConvKernel kernel) {
        return tried.stream().filter(e -> e.kernel() == kernel).findFirst();
    }

    /** One line for the log: which kernel was wrong on which shape, by how much, and what is used instead. */
    public String warning() {
        return failures() + " on this CPU; computing it with " + chosen + " instead";
    }

    /** One line for an error: no kernel computes this shape right. */
    public String failure() {
        return failures() + " on this CPU, and no other kernel is right either: see 'dcgan doctor'";
    }

    private String formattedTolerance() {
        return String.format(Locale.ROOT, "%.0e", tolerance());
    }

    /** {@code matmul 2, libtorch 7, im2col 1}: how many checks chose each kernel, in order of first use. */
    public static String summary(List<LayerCheck> checks) {
        return checks.stream()
                .collect(Collectors.groupingBy(c -> c.chosen().toString(), LinkedHashMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private String failures() {
        return shape + " in " + precision + ": "
                + passedOver().stream()
                        .map(e -> e.kernel() + "'s " + e.beyond(tolerance()))
                        .collect(Collectors.joining("; "))
                + " from float64 (tolerance " + formattedTolerance() + ")";
    }
}
