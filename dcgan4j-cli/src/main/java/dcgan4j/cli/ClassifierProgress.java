package dcgan4j.cli;

import dcgan4j.eval.FitProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a feature network being trained on first use, which takes minutes: a progress bar with ETA
 * on a terminal, a log line every tenth of the way otherwise. Nothing shows when no training happens.
 */
final class ClassifierProgress implements FitProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierProgress.class);
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;

    @Override
    public void batchDone(long done, long total, int epoch) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName("classifier")
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setUpdateIntervalMillis(250)
                        .setUnit(" batches", 1)
                        .build();
            }
            bar.stepTo(done);
            bar.setExtraMessage(" epoch " + epoch);
        } else if (done % Math.max(1, total / 10) == 0) {
            LOG.info("training the classifier: {} of {} batches (epoch {})", done, total, epoch);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
