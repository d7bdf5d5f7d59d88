package dcgan4j.monitor;

import dcgan4j.augment.AdaStatus;
import dcgan4j.monitor.RunStatus.State;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.outputs.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@code <run>/status.json} up to date while a run trains, so that a dashboard (or a script)
 * can tell a running run from a finished, stopped or diverged one, and a killed one from both (its
 * file stops being updated). The file is rewritten at most about once a second — a step of a small
 * model takes milliseconds, and a disk write per step would cost more than the step — and at once
 * on every change of state, epoch or warnings. A resumed run keeps the warnings of the steps it keeps.
 */
public final class RunStatusFile implements TrainingListener {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Weight of the newest step in the smoothed images/s. */
    private static final double SMOOTHING = 0.1;

    private final Clock clock;
    private final List<RunStatus.Warning> warnings = new ArrayList<>();
    private Path file;
    private Plan plan;
    private Instant started;
    private Instant lastWrite = Instant.MIN;
    private long step;
    private int epoch;
    private double imagesPerSecond;
    /** ADA's latest p and r_t; null in runs without ADA. */
    private AdaStatus ada;

    public RunStatusFile() {
        this(Clock.systemUTC());
    }

    /** With a clock of the caller's, for tests of the write interval. */
    public RunStatusFile(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void started(Plan plan) {
        this.plan = plan;
        file = RunDirectory.view(plan.runDir()).status();
        started = clock.instant();
        step = plan.startStep();
        epoch = (int) Math.min(plan.epochs(), step / plan.stepsPerEpoch() + 1);
        if (step > 0 && Files.isRegularFile(file)) {
            try {
                RunStatus.read(file).warnings().stream()
                        .filter(w -> w.step() <= step)
                        .forEach(warnings::add);
            } catch (IOException unreadable) {
                // the earlier warnings are lost, the run's state is not: it is written anew below
            }
        }
        write(State.RUNNING);
    }

    @Override
    public void stepDone(Progress progress) {
        step = progress.step();
        ada = progress.ada();
        imagesPerSecond = imagesPerSecond == 0
                ? progress.imagesPerSecond()
                : (1 - SMOOTHING) * imagesPerSecond + SMOOTHING * progress.imagesPerSecond();
        boolean newEpoch = progress.epoch() != epoch;
        epoch = progress.epoch();
        if (newEpoch || !clock.instant().isBefore(lastWrite.plus(INTERVAL))) {
            write(State.RUNNING);
        }
    }

    @Override
    public void warning(long step, String message) {
        warnings.add(new RunStatus.Warning(step, message));
        write(State.RUNNING);
    }

    @Override
    public void ended(long step, Ending how) {
        this.step = step;
        write(
                switch (how) {
                    case COMPLETED -> State.FINISHED;
                    case STOPPED -> State.STOPPED;
                    case DIVERGED -> State.DIVERGED;
                    case FAILED -> State.FAILED;
                });
    }

    private void write(State state) {
        Instant now = clock.instant();
        try {
            new RunStatus(
                            state,
                            step,
                            plan.totalSteps(),
                            epoch,
                            plan.epochs(),
                            imagesPerSecond,
                            state == State.RUNNING ? eta(now) : null,
                            started.toString(),
                            now.toString(),
                            warnings,
                            ada)
                    .write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastWrite = now;
    }

    /** Remaining steps at this process's pace so far (sampling and checkpoints included); null before it is known. */
    private Double eta(Instant now) {
        long done = step - plan.startStep();
        double seconds = Duration.between(started, now).toNanos() / 1e9;
        return done <= 0 || seconds <= 0 ? null : (plan.totalSteps() - step) * seconds / done;
    }
}
