package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.testing.SharedData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    private ImageDataset load(Path folder, int side, int channels, CropBox crop, Path cache) throws IOException {
        return Datasets.load(
                DataRequest.builder(DatasetKind.FOLDER)
                        .dataDir(folder)
                        .imageSize(side)
                        .channels(channels)
                        .crop(crop)
                        .cacheDir(cache == null ? dir.resolve("unused-cache") : cache)
                        .folderCache(cache != null)
                        .build(),
                null);
    }

    @Test
    void everyFormatAndColourModelComesOutAsTheRequestedShape() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos/nested"));
        write(image(40, 30, BufferedImage.TYPE_INT_RGB, Color.RED), "png", photos.resolve("rgb.png"));
        write(image(30, 40, BufferedImage.TYPE_BYTE_GRAY, Color.WHITE), "png", photos.resolve("grey.png"));
        write(image(20, 20, BufferedImage.TYPE_INT_ARGB, Color.BLUE), "png", photos.resolve("rgba.png"));
        write(image(20, 20, BufferedImage.TYPE_USHORT_GRAY, Color.GRAY), "png", photos.resolve("sixteen-bit.png"));
        write(image(64, 48, BufferedImage.TYPE_INT_RGB, Color.GREEN), "jpg", photos.resolve("photo.JPG"));
        write(image(16, 16, BufferedImage.TYPE_INT_RGB, Color.YELLOW), "bmp", photos.resolve("old.bmp"));
        write(image(16, 16, BufferedImage.TYPE_BYTE_INDEXED, Color.WHITE), "gif", photos.resolve("anim.gif"));
        write(image(1, 1, BufferedImage.TYPE_INT_RGB, Color.WHITE), "png", photos.resolve("tiny.png"));
        Files.writeString(photos.resolve("notes.txt"), "not an image, not counted");
        try (var scope = new PointerScope();
                var rgb = load(dir.resolve("photos"), 32, 3, null, null)) {
            assertThat(rgb.size()).isEqualTo(8);
            assertThat(rgb.channels()).isEqualTo(3);
            assertThat(rgb.imageSize()).isEqualTo(32);
        }
        try (var scope = new PointerScope();
                var grey = load(dir.resolve("photos"), 28, 1, null, null)) {
            assertThat(grey.size()).isEqualTo(8);
            assertThat(grey.channels()).isEqualTo(1);
        }
    }

    @Test
    void brokenFilesAreSkippedAndCountedNeverFatal() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        write(image(20, 20, BufferedImage.TYPE_INT_RGB, Color.RED), "png", mixed.resolve("good.png"));
        Files.write(mixed.resolve("empty.jpg"), new byte[0]);
        byte[] noise = new byte[5000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(mixed.resolve("noise.png"), noise);
        byte[] jpeg = jpegBytes();
        Files.write(mixed.resolve("corrupt.jpg"), corrupt(jpeg));
        Files.write(mixed.resolve("truncated.jpg"), Arrays.copyOf(jpeg, 20));
        Files.createSymbolicLink(mixed.resolve("loop"), mixed); // a directory link to itself
        try (var scope = new PointerScope();
                var data = load(mixed, 16, 3, null, null)) {
            assertThat(data.size()).isEqualTo(1);
        }
        ImageFolder.Scan scan = ImageFolder.scan(mixed);
        assertThat(scan.problems()).anyMatch(p -> p.contains("symbolic link loop"));
    }

    /**
     * Files that even root cannot read as images: a link to nothing and a named pipe (which, opened,
     * would block the decoder for ever). Permissions would not do: the tests may run as root.
     */
    @Test
    @Timeout(120)
    void unreadableFilesAreSkippedAndCounted() throws IOException, InterruptedException {
        Path folder = Files.createDirectories(dir.resolve("unreadable"));
        write(image(20, 20, BufferedImage.TYPE_INT_RGB, Color.RED), "png", folder.resolve("open.png"));
        Files.createSymbolicLink(folder.resolve("gone.png"), folder.resolve("deleted-long-ago.png"));
        assertThat(new ProcessBuilder("mkfifo", folder.resolve("pipe.png").toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .as("mkfifo")
                .isZero();
        try (var scope = new PointerScope();
                var data = load(folder, 16, 3, null, null)) {
            assertThat(data.size()).isEqualTo(1);
        }
        assertThat(ImageFolder.scan(folder).problems())
                .containsExactlyInAnyOrder("gone.png (broken symbolic link)", "pipe.png (not a regular file)");
        Files.delete(folder.resolve("open.png"));
        assertThatThrownBy(() -> load(folder, 16, 3, null, null))
                .hasMessageContaining("no images")
                .hasMessageContaining("2 skipped");
    }

    @Test
    void foldersWithoutReadableImagesAreClearErrors() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> load(empty, 16, 3, null, null))
                .hasMessageContaining("no images (bmp, gif, jpeg, jpg, png) in");
        Files.write(empty.resolve("bad.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> load(empty, 16, 3, null, null))
                .hasMessageContaining("no readable image in")
                .hasMessageContaining("bad.png");
        assertThatThrownBy(() -> load(dir.resolve("absent"), 16, 3, null, null)).hasMessageContaining("absent");
    }

    @Test
    void aHugeImageIsSubsampledWhileDecodingSoMemoryStaysBounded() throws IOException {
        Path huge = dir.resolve("huge.png");
        write(image(10_000, 10_000, BufferedImage.TYPE_BYTE_BINARY, Color.WHITE), "png", huge);
        BufferedImage decoded = ImageDecoder.readRegion(huge, 64, null);
        assertThat(decoded.getWidth()).isLessThanOrEqualTo(2 * ImageDecoder.OVERSAMPLE * 64);
        assertThat(ImageDecoder.decode(huge, 64, 3, null)).hasSize(3 * 64 * 64);
    }

    @Test
    void theCropBoxCutsBeforeResizing() throws IOException {
        BufferedImage img = image(178, 218, BufferedImage.TYPE_INT_RGB, Color.BLACK);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(25, 50, 128, 128); // the "face" box is white
        g.dispose();
        Path folder = Files.createDirectories(dir.resolve("faces"));
        write(img, "png", folder.resolve("000001.png"));
        try (var scope = new PointerScope();
                var data = load(folder, 32, 3, new CropBox(25, 50, 128, 128), null)) {
            Tensor face = data.batch(new int[] {0}, 0, 1);
            assertThat(face.min().item_float()).isEqualTo(1f); // nothing of the black frame left
        }
    }

    @Test
    void theDecodeCacheGivesTheSameImagesWithoutDecoding() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cached"));
        for (int i = 0; i < 5; i++) {
            write(
                    image(30 + i, 30, BufferedImage.TYPE_INT_RGB, new Color(40 * i, 0, 0)),
                    "png",
                    folder.resolve(i + ".png"));
        }
        Path cache = dir.resolve("cache");
        try (var scope = new PointerScope();
                var first = load(folder, 16, 3, null, cache);
                var second = load(folder, 16, 3, null, cache)) {
            try (var files = Files.list(cache.resolve("folders"))) {
                assertThat(files.count()).isEqualTo(1);
            }
            int[] all = {0, 1, 2, 3, 4};
            assertThat(second.batch(all, 0, 5).equal(first.batch(all, 0, 5))).isTrue();
        }
    }

    @Test
    void celebaFacesWithTheirCropBox() throws IOException {
        try (var scope = new PointerScope();
                var faces =
                        load(SharedData.dir("celeba-align-sample-32"), 64, 3, new CropBox(25, 50, 128, 128), null)) {
            assertThat(faces.size()).isEqualTo(32);
            assertThat(faces.imageSize()).isEqualTo(64);
        }
    }

    private static BufferedImage image(int w, int h, int type, Color color) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static void write(BufferedImage img, String format, Path file) throws IOException {
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
    }

    private byte[] jpegBytes() throws IOException {
        Path f = dir.resolve("source.jpg");
        write(image(64, 64, BufferedImage.TYPE_INT_RGB, Color.ORANGE), "jpg", f);
        return Files.readAllBytes(f);
    }

    private static byte[] corrupt(byte[] jpeg) {
        byte[] c = jpeg.clone();
        for (int i = 2; i < c.length; i += 3) {
            c[i] = (byte) 0xff; // markers everywhere
        }
        return c;
    }
}
