package dcgan4j.monitor;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dcgan4j.io.ProtoMessage;
import java.io.IOException;
import java.util.Map;

/**
 * TensorFlow's {@code Event} and {@code Summary} messages (tensorflow/core/util/event.proto,
 * framework/summary.proto, tensor.proto), with TensorFlow's field numbers: what TensorBoard — and
 * W&B's and Aim's TensorBoard importers — read from an event file.
 */
final class Events {
    /** The first record of every event file. */
    static final String FILE_VERSION = "brain.Event:2";

    // Event
    private static final int WALL_TIME = 1;
    private static final int STEP = 2;
    private static final int VERSION = 3;
    private static final int SUMMARY = 5;
    // Summary, Summary.Value
    private static final int VALUE = 1;
    private static final int TAG = 1;
    private static final int SIMPLE_VALUE = 2;
    private static final int IMAGE = 4;
    private static final int TENSOR = 8;
    private static final int METADATA = 9;
    // Summary.Image
    private static final int HEIGHT = 1;
    private static final int WIDTH = 2;
    private static final int COLORSPACE = 3;
    private static final int ENCODED_IMAGE = 4;
    // SummaryMetadata, its PluginData
    private static final int PLUGIN_DATA = 1;
    private static final int PLUGIN_NAME = 1;
    private static final int DATA_CLASS = 4;
    private static final int DATA_CLASS_TENSOR = 2;
    // TensorProto
    private static final int DTYPE = 1;
    private static final int TENSOR_SHAPE = 2;
    private static final int STRING_VAL = 8;
    private static final int DT_STRING = 7;

    private Events() {}

    static byte[] fileVersion(double wallTime) {
        return new ProtoMessage()
                .float64(WALL_TIME, wallTime)
                .string(VERSION, FILE_VERSION)
                .toByteArray();
    }

    /** Scalars of one step, in one event; TensorBoard stores floats, so the values are rounded to float. */
    static byte[] scalars(double wallTime, long step, Map<String, Double> values) {
        ProtoMessage summary = new ProtoMessage();
        values.forEach((tag, value) ->
                summary.message(VALUE, new ProtoMessage().string(TAG, tag).float32(SIMPLE_VALUE, value.floatValue())));
        return event(wallTime, step, summary);
    }

    static byte[] image(double wallTime, long step, String tag, PngImage png) {
        ProtoMessage image = new ProtoMessage()
                .varint(HEIGHT, png.height())
                .varint(WIDTH, png.width())
                .varint(COLORSPACE, png.colorspace())
                .bytes(ENCODED_IMAGE, png.bytes());
        return event(
                wallTime,
                step,
                new ProtoMessage()
                        .message(VALUE, new ProtoMessage().string(TAG, tag).message(IMAGE, image)));
    }

    /**
     * Markdown for TensorBoard's Text tab: the text plugin's summary, a scalar string tensor marked
     * with plugin name "text".
     */
    static byte[] text(double wallTime, long step, String tag, String markdown) {
        ProtoMessage metadata = new ProtoMessage()
                .message(PLUGIN_DATA, new ProtoMessage().string(PLUGIN_NAME, "text"))
                .varint(DATA_CLASS, DATA_CLASS_TENSOR);
        ProtoMessage tensor = new ProtoMessage()
                .varint(DTYPE, DT_STRING)
                .message(TENSOR_SHAPE, new ProtoMessage()) // no dimensions: a scalar
                .string(STRING_VAL, markdown);
        return event(
                wallTime,
                step,
                new ProtoMessage()
                        .message(
                                VALUE,
                                new ProtoMessage()
                                        .string(TAG, tag)
                                        .message(METADATA, metadata)
                                        .message(TENSOR, tensor)));
    }

    /** The step of an encoded event (0 for the file-version record). */
    static long step(byte[] event) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(event);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == STEP
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                return in.readInt64();
            }
            in.skipField(tag);
        }
        return 0;
    }

    private static byte[] event(double wallTime, long step, ProtoMessage summary) {
        return new ProtoMessage()
                .float64(WALL_TIME, wallTime)
                .varint(STEP, step)
                .message(SUMMARY, summary)
                .toByteArray();
    }
}
