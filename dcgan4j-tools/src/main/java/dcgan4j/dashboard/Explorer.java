package dcgan4j.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.sample.LatentFile;
import dcgan4j.sample.TrainedGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;

/**
 * The latent explorer's endpoints, {@code /api/explore/<picture>.png} and
 * {@code /api/explore/<picture>.z.safetensors} for the {@link Pictures} and {@code /api/explore/info}:
 * images made on the server by a run's generator, and the z that made them as the file {@code dcgan
 * walk} reads, built in memory — nothing is written. One picture at a time, at most
 * {@value Pictures#MAX_IMAGES} images each: a page dragging a slider in a training process takes a
 * bounded bite of the CPU between steps, never a queue of them. A request that finds another one
 * drawing waits up to {@link #WAIT_SECONDS} and is then told the explorer is busy (503). Bad
 * parameters — unknown runs, runs without a generator, non-numbers, counts over the caps — are 400.
 */
final class Explorer implements AutoCloseable {
    static final String PREFIX = "/api/explore/";
    private static final long WAIT_SECONDS = 5;
    private static final String Z = ".z.safetensors";
    private final ServedFolders folders;
    private final ReentrantLock drawing = new ReentrantLock(true);
    private final GeneratorCache generators = new GeneratorCache(2);

    /** What the page needs to know of a run's generator before it asks for pictures. */
    record Info(String generator, int imageSize, int channels, int nz, int classes, int maxImages, int maxSteps) {}

    Explorer(ServedFolders folders) {
        this.folders = folders;
    }

    void serve(HttpExchange exchange, String name, Map<String, String> query) throws IOException {
        try {
            if (!drawing.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                Responses.error(exchange, 503, "the explorer is busy drawing another picture; try again");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.error(exchange, 503, "the dashboard is stopping");
            return;
        }
        try {
            answer(exchange, name, query);
        } catch (IllegalArgumentException bad) {
            Responses.error(exchange, 400, bad.getMessage());
        } finally {
            drawing.unlock();
        }
    }

    private void answer(HttpExchange exchange, String name, Map<String, String> query) throws IOException {
        boolean z = name.endsWith(Z);
        String kind = z ? name.substring(0, name.length() - Z.length()) : name.replaceFirst("\\.png$", "");
        if (!z && !name.endsWith(".png") && !name.equals("info")) {
            throw new IllegalArgumentException("no such explorer request: " + name);
        }
        ServedFolders.Run run = folders.run(query.getOrDefault("run", ""))
                .orElseThrow(() -> new IllegalArgumentException("no such run"));
        TrainedGenerator generator = generators.get(run); // outside the scope below, which would free it
        ModelConfig model = generator.config();
        int classes = model.variant().classes();
        if (name.equals("info")) {
            String file = ModelFiles.generatorFile(run.dir(), ModelFiles.Pick.PREFER_AVERAGED)
                    .getFileName()
                    .toString();
            Responses.json(
                    exchange,
                    new Info(
                            file,
                            model.imageSize(),
                            model.channels(),
                            model.nz(),
                            classes,
                            Pictures.MAX_IMAGES,
                            Pictures.MAX_STEPS));
            return;
        }
        Pictures picture = Pictures.parse(kind, query);
        Integer label =
                query.containsKey("class") ? (int) Requests.number(query, "class", 0, Math.max(0, classes - 1)) : null;
        if (label == null && classes > 0 && !z && !(picture instanceof Pictures.Grid)) {
            throw new IllegalArgumentException("the generator is conditional: choose class=0 to " + (classes - 1));
        }
        byte[] body;
        try (var scope = new PointerScope()) {
            body = z ? LatentFile.bytes(picture.z(generator.network())) : png(picture, generator, label);
        }
        String file = picture.name() + (z ? Z : ".png");
        exchange.getResponseHeaders()
                .set("Content-Disposition", (z ? "attachment" : "inline") + "; filename=\"" + file + "\"");
        Responses.send(exchange, 200, z ? "application/octet-stream" : "image/png", body);
    }

    private static byte[] png(Pictures picture, TrainedGenerator generator, Integer label) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture.render(generator.network(), label), "png", out);
        return out.toByteArray();
    }

    /** Frees the loaded generators once no picture is being drawn. */
    @Override
    public void close() {
        drawing.lock();
        try {
            generators.close();
        } finally {
            drawing.unlock();
        }
    }
}
