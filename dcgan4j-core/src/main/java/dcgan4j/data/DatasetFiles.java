package dcgan4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds a dataset's files in its directory and fetches the missing ones, or says exactly which files
 * to put where when that is impossible (offline, or downloads turned off).
 */
final class DatasetFiles {
    private final Downloader downloader;

    /** @param downloader how to fetch missing files; null = never download */
    DatasetFiles(Downloader downloader) {
        this.downloader = downloader;
    }

    Path ensure(String dataset, Path dir, RemoteFile file) throws IOException {
        Path path = dir.resolve(file.name());
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (downloader == null) {
            throw missing(dataset, dir, file, "downloads are off");
        }
        try {
            return downloader.fetch(file.url(), path, file.md5());
        } catch (IOException e) {
            throw missing(dataset, dir, file, e.getMessage());
        }
    }

    private static IOException missing(String dataset, Path dir, RemoteFile file, String why) {
        return new NoSuchFileException(
                dir.resolve(file.name()).toString(),
                null,
                dataset + " file missing and not downloaded (" + why + "); put " + file.name() + " (from " + file.url()
                        + ") into " + dir + " or point setting 'dataDir' at a folder that has it");
    }
}
