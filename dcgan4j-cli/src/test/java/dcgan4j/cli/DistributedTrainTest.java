package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcgan train --nproc 2}: two real worker JVMs on loopback, one run directory written by rank
 * 0, and a real {@code kill -9} of one worker in the middle of an epoch that the launcher turns into
 * a stop of both and {@code --resume} into the very run that never stopped.
 */
class DistributedTrainTest {
    /** 128 digits, 2 processes x 8 images per step: 8 steps per epoch, 2 epochs of a narrow model. */
    private static final List<String> TINY = List.of(
            "train",
            "--nproc",
            "2",
            "--threads",
            "1",
            "--synthetic-count",
            "128",
            "--batch-size",
            "8",
            "--epochs",
            "2",
            "--ngf",
            "8",
            "--ndf",
            "8",
            "--nz",
            "16",
            "--sample-every",
            "0",
            "--checkpoint-every",
            "1");

    @TempDir
    Path dir;

    @Test
    void aWorkerKilledMidEpochStopsTheJobAndResumeEndsAsTheUninterruptedRun() throws Exception {
        Path whole = dir.resolve("whole");
        MainTest.Result uninterrupted = dcgan(args(whole));
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();
        assertThat(uninterrupted.err()).contains("[rank 0]").contains("2 processes x 8 images");
        assertThat(uninterrupted.err().lines().filter(l -> l.startsWith("[rank 1]")))
                .noneMatch(l -> l.contains("checkpoint:") || l.contains("run directory"));
        assertThat(Files.readAllLines(whole.resolve("metrics.csv"))).hasSize(1 + 16);

        Path killed = dir.resolve("killed");
        Process launcher =
                RunLifecycleTest.startUntilCheckpoints(List.of(args(killed)), killed, 3, dir.resolve("killed.log"));
        List<ProcessHandle> workers = launcher.children().toList();
        assertThat(workers).hasSize(2);
        ProcessHandle rank1 =
                workers.stream().filter(w -> rank(w) == 1).findFirst().orElseThrow();
        rank1.destroyForcibly(); // SIGKILL of one worker, mid-epoch
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS))
                .as("the launcher stops the other worker")
                .isTrue();
        assertThat(launcher.exitValue()).isNotZero();
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        assertThat(killed.resolve("netG.safetensors"))
                .as("killed before the end")
                .doesNotExist();

        MainTest.Result otherSize = dcgan("train", "--resume", killed.toString());
        assertThat(otherSize.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(otherSize.err().strip())
                .isEqualTo("dcgan train: the checkpoint was written by 2 processes and resumes "
                        + "exactly only with as many; this job has 1");

        MainTest.Result resumed = dcgan("train", "--resume", killed.toString(), "--nproc", "2", "--threads", "1");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        for (String file : List.of("metrics.csv", "netG.safetensors", "netD.safetensors")) {
            assertThat(Files.readAllBytes(killed.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(whole.resolve(file)));
        }
    }

    private static String[] args(Path out) {
        List<String> args = new ArrayList<>(TINY);
        args.addAll(List.of("--out", out.toString()));
        return args.toArray(String[]::new);
    }

    /** A worker's RANK, from its environment (Linux). */
    private static int rank(ProcessHandle worker) {
        try {
            String env = Files.readString(Path.of("/proc", Long.toString(worker.pid()), "environ"));
            return Stream.of(env.split("\0"))
                    .filter(v -> v.startsWith("RANK="))
                    .mapToInt(v -> Integer.parseInt(v.substring(5)))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
