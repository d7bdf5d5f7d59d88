package dcgan4j.data;

/** Which part of a dataset with a train/test division to use. */
public enum Split {
    TRAIN,
    TEST,
    ALL;

    boolean includesTrain() {
        return this != TEST;
    }

    boolean includesTest() {
        return this != TRAIN;
    }
}
