package dcgan4j.conv;

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

    /** What went wrong where: {@code output 0.29} or {@code input gradient 1.00}, the worst part. */
    public String worstPart() {
        String part = !(output <= inputGradient) && !(output <= weightGradient) ? "output"
                : !(inputGradient <= weightGradient) ? "input gradient" : "weight gradient";
        double value = part.equals("output") ? output : part.equals("input gradient") ? inputGradient : weightGradient;
        return part + " " + String.format(java.util.Locale.ROOT, "%.2g", value);
    }
}
