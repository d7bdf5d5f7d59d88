package dcgan4j.cli;

import dcgan4j.train.Quality;
import dcgan4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;

/** Several listeners heard as one, in order (the training loop takes one). */
final class AllListeners implements TrainingListener {
    private final List<TrainingListener> listeners;

    AllListeners(TrainingListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void started(Plan plan) {
        listeners.forEach(l -> l.started(plan));
    }

    @Override
    public void realSamplesSaved(Path png) {
        listeners.forEach(l -> l.realSamplesSaved(png));
    }

    @Override
    public void stepDone(Progress progress) {
        listeners.forEach(l -> l.stepDone(progress));
    }

    @Override
    public void samplesSaved(long step, Path png) {
        listeners.forEach(l -> l.samplesSaved(step, png));
    }

    @Override
    public void evaluated(long step, Quality quality, boolean best) {
        listeners.forEach(l -> l.evaluated(step, quality, best));
    }

    @Override
    public void warning(long step, String message) {
        listeners.forEach(l -> l.warning(step, message));
    }

    @Override
    public void checkpointSaved(long step, Path file) {
        listeners.forEach(l -> l.checkpointSaved(step, file));
    }

    @Override
    public void epochEnded(int epoch, long step) {
        listeners.forEach(l -> l.epochEnded(epoch, step));
    }

    @Override
    public void ended(long step, Ending how) {
        listeners.forEach(l -> l.ended(step, how));
    }
}
