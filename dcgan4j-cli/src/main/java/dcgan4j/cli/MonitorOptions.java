package dcgan4j.cli;

import dcgan4j.monitor.EventFileListener;
import dcgan4j.train.outputs.TrainingListener;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --log-every}, {@code --no-events}: what {@code train} logs for TensorBoard, W&B and Aim. */
final class MonitorOptions {
    @MayChangeOnResume
    @Option(
            names = "--log-every",
            paramLabel = "N",
            defaultValue = "1",
            description = "steps between the scalars of the TensorBoard event file (default: ${DEFAULT-VALUE}); "
                    + "FID, KID, grids, config and warnings are always logged")
    int logEvery;

    @MayChangeOnResume
    @Option(names = "--no-events", description = "write no TensorBoard event file (events.out.tfevents.*)")
    boolean noEvents;

    /** The listeners these options ask for: the event file unless it is switched off. */
    List<TrainingListener> listeners() {
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every must be at least 1, got " + logEvery);
        }
        return noEvents ? List.of() : List.of(new EventFileListener(logEvery));
    }
}
