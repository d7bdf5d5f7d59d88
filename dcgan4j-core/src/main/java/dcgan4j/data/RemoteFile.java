package dcgan4j.data;

import java.net.URI;

/**
 * A dataset file with its canonical download location and published MD5.
 *
 * @param name file name inside the dataset directory
 * @param url  where to fetch it when absent
 * @param md5  the published checksum (lowercase hex)
 */
record RemoteFile(String name, URI url, String md5) {
    static RemoteFile at(String base, String name, String md5) {
        return new RemoteFile(name, URI.create(base + name), md5);
    }
}
