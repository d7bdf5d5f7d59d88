package dcgan4j.cli;

import dcgan4j.train.outputs.Quality;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.step.StepMetrics;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: a live progress bar with ETA and the latest metrics on a terminal, plain
 * log lines (about ten per epoch) when the output goes to a file or a pipe. The latest FID and any
 * failure going on (D winning outright, collapsing samples) stay on the progress line; warnings are
 * also logged when they start.
 */
final class ConsoleProgress implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);
    private final boolean terminal;
    private ProgressBar bar;
    private long logEvery;
    private Path runDir;
    private String lastFid = "";

    ConsoleProgress() {
        this(System.console() != null);
    }

    ConsoleProgress(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public void started(Plan plan) {
        LOG.info(
                "training {} epochs x {} steps of {} images{}",
                plan.epochs(),
                plan.stepsPerEpoch(),
                plan.batchSize(),
                plan.startStep() == 0 ? "" : ", resuming after step " + plan.startStep());
        logEvery = Math.max(1, plan.stepsPerEpoch() / 10);
        runDir = plan.runDir();
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax(plan.totalSteps())
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .showSpeed()
                    .setUnit(" it", 1)
                    .startsFrom(plan.startStep(), java.time.Duration.ZERO)
                    .build();
        }
    }

    @Override
    public void stepDone(Progress p) {
        String metrics = format(p.metrics(), p.imagesPerSecond())
                + lastFid
                + (p.alert().isEmpty() ? "" : " | WARNING: " + p.alert());
        if (bar != null) {
            bar.stepTo(p.step());
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d %s", p.epoch(), p.epochs(), metrics));
        } else if (p.batch() % logEvery == 0 || p.batch() == p.stepsPerEpoch()) {
            LOG.info("[{}/{}][{}/{}] {}", p.epoch(), p.epochs(), p.batch(), p.stepsPerEpoch(), metrics);
        }
    }

    @Override
    public void evaluated(long step, Quality quality, boolean best) {
        lastFid = String.format(Locale.ROOT, " | FID %.3f", quality.fid());
        LOG.info(
                "step {}: FID {} KID {}{}",
                step,
                String.format(Locale.ROOT, "%.4f", quality.fid()),
                String.format(Locale.ROOT, "%.6f", quality.kid()),
                best ? " (best so far: netG_best.safetensors)" : "");
    }

    @Override
    public void warning(long step, String message) {
        LOG.warn("step {}: {}", step, SettingNames.toFlags(message));
    }

    @Override
    public void samplesSaved(long step, Path png) {
        if (bar == null) {
            LOG.info("samples: {}", png);
        }
    }

    @Override
    public void checkpointSaved(long step, Path file) {
        if (bar == null) {
            LOG.info("checkpoint: {}", file);
        }
    }

    @Override
    public void ended(long step, Ending how) {
        if (bar != null) {
            bar.close();
        }
        if (how == Ending.COMPLETED) {
            LOG.info("done: {} steps; weights and samples in {}", step, runDir);
        }
    }

    static String format(StepMetrics m, double imagesPerSecond) {
        return String.format(
                Locale.ROOT,
                "Loss_D %.4f Loss_G %.4f D(x) %.4f D(G(z)) %.4f / %.4f | %.0f img/s",
                m.lossD(),
                m.lossG(),
                m.dX(),
                m.dGz1(),
                m.dGz2(),
                imagesPerSecond);
    }
}
