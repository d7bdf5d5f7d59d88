package dcgan4j.cli;

import dcgan4j.train.Trainer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM while training: the JVM runs its shutdown hooks; this one asks the loop
 * to stop after the current step and waits until the loop has written its checkpoint and returned.
 */
final class StopOnInterrupt implements AutoCloseable {
    private static final long MAX_WAIT_SECONDS = 120;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopOnInterrupt(Trainer loop) {
        hook = new Thread(
                () -> {
                    loop.requestStop();
                    try {
                        done.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "save-checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the loop is done
        }
    }
}
