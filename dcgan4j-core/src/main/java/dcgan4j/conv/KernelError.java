package dcgan4j.conv;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * How far one kernel's results are from float64 on one shape: the largest absolute difference over the
 * largest absolute reference value, for the output and for the gradients of the input and the weight
 * (a layer trains on all three: the input gradient is what the layers before it learn from).
 */
public record KernelError(ConvKernel kernel, double output, double inputGradient, double weightGradient) {
    /** The largest of the three; NaN when any is NaN (a kernel that writes garbage). */
    public double worst() {
        if (Double.isNaN(output) || Double.isNaN(inputGradient) || Double.isNaN(weightGradient)) {
            return Double.NaN;
        }
        return Math.max(output, Math.max(inputGradient, weightGradient));
    }

    /** Whether every figure is within {@code tolerance} (NaN never is). */
    public boolean within(double tolerance) {
        return worst() <= tolerance;
    }

    /** The parts beyond {@code tolerance}, e.g. {@code input gradient 1.0, weight gradient 0.50}. */
    public String beyond(double tolerance) {
        String[] parts = {"output", "input gradient", "weight gradient"};
        double[] values = {output, inputGradient, weightGradient};
        StringJoiner out = new StringJoiner(", ");
        for (int i = 0; i < parts.length; i++) {
            if (!(values[i] <= tolerance)) {
                out.add(parts[i] + " " + String.format(Locale.ROOT, "%.2g", values[i]));
            }
        }
        return out.toString();
    }
}
