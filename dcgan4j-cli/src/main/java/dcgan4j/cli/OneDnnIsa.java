package dcgan4j.cli;

import dcgan4j.torch.Torch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.global.torch;

/**
 * Which instruction set oneDNN dispatches to on this CPU. oneDNN reports it only in its verbose log,
 * which it writes to the process's native standard output when {@code ONEDNN_VERBOSE} is set before its
 * first use; so {@link #detect} runs {@link #main} in a child JVM with that variable and reads the
 * {@code isa:} line.
 */
final class OneDnnIsa {
    private OneDnnIsa() {}

    /** Runs one float32 convolution, so that oneDNN starts up and says where it runs. */
    public static void main(String[] args) {
        Torch.load();
        torch.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3));
    }

    /** e.g. {@code Intel AVX-512 with Intel DL Boost and bfloat16 support}; {@code unknown} when not told. */
    static String detect() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OneDnnIsa.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ONEDNN_VERBOSE", "1");
        try {
            Process child = builder.start();
            String isa = "unknown";
            try (var lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    int at = line.indexOf(",isa:");
                    if (at >= 0) {
                        isa = line.substring(at + ",isa:".length());
                    }
                }
            }
            if (!child.waitFor(1, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
            return isa;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
