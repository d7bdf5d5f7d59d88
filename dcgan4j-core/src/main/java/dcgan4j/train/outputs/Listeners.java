package dcgan4j.train.outputs;

import java.nio.file.Path;
import java.util.List;

/** Hands every event to each listener in the order they were added: the loop talks to one. */
final class Listeners implements TrainingListener {
    private final List<TrainingListener> all;

    Listeners(List<TrainingListener> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void started(Plan plan) {
        all.forEach(l -> l.started(plan));
    }

    @Override
    public void realSamplesSaved(Path png) {
        all.forEach(l -> l.realSamplesSaved(png));
    }

    @Override
    public void stepDone(Progress progress) {
        all.forEach(l -> l.stepDone(progress));
    }

    @Override
    public void samplesSaved(long step, Path png) {
        all.forEach(l -> l.samplesSaved(step, png));
    }

    @Override
    public void evaluated(long step, Quality quality, boolean best) {
        all.forEach(l -> l.evaluated(step, quality, best));
    }

    @Override
    public void warning(long step, String message) {
        all.forEach(l -> l.warning(step, message));
    }

    @Override
    public void checkpointSaved(long step, Path file) {
        all.forEach(l -> l.checkpointSaved(step, file));
    }

    @Override
    public void epochEnded(int epoch, long step) {
        all.forEach(l -> l.epochEnded(epoch, step));
    }

    @Override
    public void ended(long step, Ending how) {
        all.forEach(l -> l.ended(step, how));
    }
}
