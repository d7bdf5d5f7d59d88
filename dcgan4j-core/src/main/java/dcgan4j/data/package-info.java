/**
 * Training images: datasets (MNIST, Fashion-MNIST, CIFAR-10, folders of images, built-in synthetic
 * digits) found or downloaded, decoded and held as uint8 tensors in native memory, then served in
 * reproducible, resumable epoch orders and prefetched batches. It exists so that everything after
 * it sees one kind of dataset, whatever the files were.
 *
 * <p>Its API, the classes used outside the package: BatchPrefetcher, CropBox, DataRequest,
 * DatasetKind, Datasets, Downloader, EpochOrder, ImageDataset, Split, SyntheticDigits.
 */
@PublicApi({
    BatchPrefetcher.class,
    CropBox.class,
    DataRequest.class,
    DatasetKind.class,
    Datasets.class,
    Downloader.class,
    EpochOrder.class,
    ImageDataset.class,
    Split.class,
    SyntheticDigits.class
})
package dcgan4j.data;

import dcgan4j.PublicApi;
