package dcgan4j.probe;

import dcgan4j.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Chooses the SVM's penalty λ by stratified k-fold cross-validation on the labelled images alone —
 * the test split is never looked at, and neither is any other labelled image (the reference code
 * chose C on a 10,000-image validation split, which a few-label setting does not have). Each class's
 * images are dealt to the folds in turn; the λ with the best mean held-out accuracy wins, the larger
 * on a tie. Along each fold λ falls from large to small, each fit starting from the previous one.
 */
final class CrossValidation {
    /** The candidates, largest first (on standardised features; λ = 1/(C·n) in LinearSVC's terms). */
    static final double[] LAMBDAS = {100, 10, 1, 1e-1, 1e-2, 1e-3, 1e-4};

    static final int MAX_FOLDS = 5;

    /** The penalty chosen, and the SVM fitted with it to all the labelled images. */
    record Fit(double lambda, LinearSvm svm) {}

    private CrossValidation() {}

    static Fit fit(Tensor features, int[] labels, int classes) {
        double lambda = choose(features, labels, classes);
        return new Fit(lambda, LinearSvm.fit(features, labels, classes, lambda));
    }

    /** The λ of {@link #LAMBDAS} with the best cross-validated accuracy. */
    static double choose(Tensor features, int[] labels, int classes) {
        int[] fold = folds(labels, classes);
        int k = Arrays.stream(fold).max().orElse(0) + 1;
        double[] accuracy = new double[LAMBDAS.length];
        for (int f = 0; f < k; f++) {
            int held = f;
            int[] trainRows = rows(fold, r -> r != held);
            int[] testRows = rows(fold, r -> r == held);
            try (var scope = new PointerScope()) {
                Tensor train = select(features, trainRows);
                Tensor test = select(features, testRows);
                var problem = new LinearSvm.Problem(train, pick(labels, trainRows), classes);
                LinearSvm previous = null;
                for (int i = 0; i < LAMBDAS.length; i++) {
                    previous = problem.fit(LAMBDAS[i], previous);
                    accuracy[i] += previous.accuracy(test, pick(labels, testRows)) / k;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < LAMBDAS.length; i++) {
            best = accuracy[i] > accuracy[best] ? i : best;
        }
        return LAMBDAS[best];
    }

    /**
     * Each row's fold: the j-th image of a class goes to fold j mod k, k being 5 or the smallest class
     * count if less.
     *
     * @throws IllegalArgumentException when some class has fewer than 2 images, too few to hold one out
     */
    static int[] folds(int[] labels, int classes) {
        int[] count = new int[classes];
        for (int label : labels) {
            count[label]++;
        }
        int smallest = Arrays.stream(count).min().orElse(0);
        if (smallest < 2) {
            throw new IllegalArgumentException(
                    "cross-validation needs at least 2 labelled images of every class, " + "got " + smallest);
        }
        int k = Math.min(MAX_FOLDS, smallest);
        int[] seen = new int[classes];
        int[] fold = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            fold[i] = seen[labels[i]]++ % k;
        }
        return fold;
    }

    private static int[] rows(int[] fold, java.util.function.IntPredicate keep) {
        return java.util.stream.IntStream.range(0, fold.length)
                .filter(i -> keep.test(fold[i]))
                .toArray();
    }

    static Tensor select(Tensor features, int[] rows) {
        return features.index_select(0, Tensors.indices(rows).to(features.device(), torch.ScalarType.Long));
    }

    static int[] pick(int[] labels, int[] rows) {
        return Arrays.stream(rows).map(r -> labels[r]).toArray();
    }
}
