package dcgan4j.cli;

import dcgan4j.train.Quality;
import dcgan4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Two listeners as one, for the loop that takes one: first hears every callback before second.
 * (Goes away once the loop takes a list of listeners.)
 */
record ListenerPair(TrainingListener first, TrainingListener second) implements TrainingListener {
    @Override
    public void started(Plan plan) {
        both(l -> l.started(plan));
    }

    @Override
    public void realSamplesSaved(Path png) {
        both(l -> l.realSamplesSaved(png));
    }

    @Override
    public void stepDone(Progress progress) {
        both(l -> l.stepDone(progress));
    }

    @Override
    public void samplesSaved(long step, Path png) {
        both(l -> l.samplesSaved(step, png));
    }

    @Override
    public void evaluated(long step, Quality quality, boolean best) {
        both(l -> l.evaluated(step, quality, best));
    }

    @Override
    public void warning(long step, String message) {
        both(l -> l.warning(step, message));
    }

    @Override
    public void checkpointSaved(long step, Path file) {
        both(l -> l.checkpointSaved(step, file));
    }

    @Override
    public void epochEnded(int epoch, long step) {
        both(l -> l.epochEnded(epoch, step));
    }

    @Override
    public void ended(long step, Ending how) {
        both(l -> l.ended(step, how));
    }

    private void both(Consumer<TrainingListener> callback) {
        callback.accept(first);
        callback.accept(second);
    }
}
