package dcgan4j.dashboard;

import dcgan4j.augment.Augmentation;
import dcgan4j.monitor.RunStatus;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.MetricsCsv.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * One line of the run list, as the page gets it: the state from {@code status.json} when the run
 * has one — a "running" one that was not updated for {@link #STALE} belongs to a process that was
 * killed and shows as stopped — and otherwise a state guessed from the run's files (final weights:
 * finished; metrics still growing: running; else stopped).
 *
 * @param note     what qualifies the state ("no update since 23:51:02"); empty when nothing does
 * @param files    where the run's files are served, ending in {@code /}
 * @param grids    steps of the fixed-noise grids, in order
 * @param generator the weights file the explorer draws from (the averaged one when the run has it);
 *                  null while the run has none
 * @param adaTarget the r_t ADA steers to ({@code ada-target}), drawn on the page's ADA chart; null
 *                  unless the run's config.yaml says {@code augment: ada}
 */
record RunSummary(
        String id,
        String name,
        String state,
        String note,
        Long step,
        Long totalSteps,
        Integer epoch,
        Integer epochs,
        Double imagesPerSecond,
        Double etaSeconds,
        String updatedAt,
        List<RunStatus.Warning> warnings,
        String config,
        String files,
        List<Long> grids,
        boolean realSamples,
        String generator,
        Double adaTarget) {
    static final Duration STALE = Duration.ofMinutes(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** @param metrics the run's metrics, null when it has none yet */
    static RunSummary of(ServedFolders.Run run, MetricsTail metrics, Instant now) throws IOException {
        RunDirectory dir = RunDirectory.view(run.dir());
        Row last = metrics == null ? null : metrics.last();
        List<Long> grids =
                dir.fakeSampleFiles().stream().map(RunDirectory::sampleStep).toList();
        String config = run.file(dir.config().getFileName().toString())
                .map(RunSummary::text)
                .orElse("");
        Double adaTarget = adaTarget(config);
        String files = "/files/" + run.id() + "/";
        boolean real = run.file(dir.realSamples().getFileName().toString()).isPresent();
        String generator = ModelFiles.generatorFile(run.dir(), ModelFiles.Pick.PREFER_AVERAGED)
                .getFileName()
                .toString();
        String explored = run.file(generator).isPresent() ? generator : null;
        Optional<RunStatus> status = run.file(RunDirectory.STATUS_FILE).flatMap(RunSummary::status);
        if (status.isPresent()) {
            RunStatus s = status.get();
            Instant updated = Instant.parse(s.updatedAt());
            boolean running = s.state() == RunStatus.State.RUNNING;
            boolean stale = running && updated.plus(STALE).isBefore(now);
            long step = Math.max(s.step(), last == null ? 0 : last.step());
            boolean live = running && !stale;
            return new RunSummary(
                    run.id(),
                    run.name(),
                    stale ? "stopped" : s.state().label(),
                    stale ? "no update since " + TIME.format(updated.atZone(ZoneId.systemDefault())) : "",
                    step,
                    s.totalSteps(),
                    s.epoch(),
                    s.epochs(),
                    live ? s.imagesPerSecond() : null,
                    live ? s.etaSeconds() : null,
                    s.updatedAt(),
                    s.warnings(),
                    config,
                    files,
                    grids,
                    real,
                    explored,
                    adaTarget);
        }
        Instant touched = Files.getLastModifiedTime(
                        run.file(RunDirectory.METRICS_FILE).orElse(run.dir()))
                .toInstant();
        String state = run.file(ModelFiles.GENERATOR_FILE).isPresent()
                ? "finished"
                : touched.plus(STALE).isAfter(now) ? "running" : "stopped";
        return new RunSummary(
                run.id(),
                run.name(),
                state,
                "no status.json: state from its files",
                last == null ? null : last.step(),
                null,
                last == null ? null : last.epoch(),
                null,
                null,
                null,
                touched.toString(),
                List.of(),
                config,
                files,
                grids,
                real,
                explored,
                adaTarget);
    }

    private static Optional<RunStatus> status(Path file) {
        try {
            return Optional.of(RunStatus.read(file));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // e.g. written by a newer dcgan4j: fall back to the files
        }
    }

    /** ADA's target from a run's config.yaml: null for a run without ADA or a config this version cannot read. */
    private static Double adaTarget(String config) {
        if (config.isBlank()) {
            return null;
        }
        try {
            Augmentation a = TrainConfig.fromRecord(config).augmentation();
            return a.augment() == Augmentation.Kind.ADA ? a.adaTarget() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
