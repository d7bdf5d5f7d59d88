package dcgan4j.eval;

import dcgan4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What a classifier of the data's classes says about generated samples: which classes appear (mode
 * coverage), how far the class histogram is from uniform, and how confidently each sample is one
 * class (the Inception Score's idea, with the dataset's own classifier).
 *
 * @param histogram        samples predicted as each class
 * @param covered          classes that get at least a fifth of their uniform share of the samples
 *                         (a class reached only by a few misclassified blobs does not count)
 * @param klFromUniform    KL(predicted class histogram ‖ uniform), in nats: 0 for perfectly balanced
 *                         classes, ln K when every sample is one class
 * @param inceptionScore   exp(E_x KL(p(y|x) ‖ p(y))): between 1 and K; K when every sample is a
 *                         confident prediction and the classes are balanced
 * @param meanConfidence   mean of the highest class probability per sample
 */
public record ClassStatistics(
        long[] histogram, int covered, double klFromUniform, double inceptionScore, double meanConfidence) {
    /** Statistics of classifier logits (N, K). */
    public static ClassStatistics of(Tensor logits) {
        float[] p;
        int n = (int) logits.size(0);
        int k = (int) logits.size(1);
        try (var scope = new PointerScope()) {
            p = Tensors.toFloats(torch.softmax(logits, 1));
        }
        long[] histogram = new long[k];
        double[] marginal = new double[k];
        double confidence = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 0; c < k; c++) {
                marginal[c] += p[i * k + c] / n;
                if (p[i * k + c] > p[i * k + best]) {
                    best = c;
                }
            }
            histogram[best]++;
            confidence += p[i * k + best] / n;
        }
        double klPerSample = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double q = p[i * k + c];
                klPerSample += q > 0 ? q * Math.log(q / marginal[c]) / n : 0;
            }
        }
        int covered = 0;
        double kl = 0;
        for (long count : histogram) {
            covered += count * k * 5 >= n ? 1 : 0;
            double share = count / (double) n;
            kl += share > 0 ? share * Math.log(share * k) : 0;
        }
        return new ClassStatistics(histogram, covered, kl, Math.exp(klPerSample), confidence);
    }
}
