package dcgan4j.cli;

import dcgan4j.train.Quality;
import dcgan4j.train.TrainingListener;
import java.nio.file.Path;

/**
 * Two listeners as one, for the loop that takes one: first hears every callback before second.
 * (Goes away once the loop takes a list of listeners.)
 */
record ListenerPair(TrainingListener first, TrainingListener second) implements TrainingListener {
    @Override
    public void started(Plan plan) {
        first.started(plan);
        second.started(plan);
    }

    @Override
    public void realSamplesSaved(Path png) {
        first.realSamplesSaved(png);
        second.realSamplesSaved(png);
    }

    @Override
    public void stepDone(Progress progress) {
        first.stepDone(progress);
        second.stepDone(progress);
    }

    @Override
    public void samplesSaved(long step, Path png) {
        first.samplesSaved(step, png);
        second.samplesSaved(step, png);
    }

    @Override
    public void evaluated(long step, Quality quality, boolean best) {
        first.evaluated(step, quality, best);
        second.evaluated(step, quality, best);
    }

    @Override
    public void warning(long step, String message) {
        first.warning(step, message);
        second.warning(step, message);
    }

    @Override
    public void checkpointSaved(long step, Path file) {
        first.checkpointSaved(step, file);
        second.checkpointSaved(step, file);
    }

    @Override
    public void epochEnded(int epoch, long step) {
        first.epochEnded(epoch, step);
        second.epochEnded(epoch, step);
    }

    @Override
    public void ended(long step, Ending how) {
        first.ended(step, how);
        second.ended(step, how);
    }
}
