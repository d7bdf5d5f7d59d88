package dcgan4j.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One protobuf message built field by field with protobuf-java's {@link CodedOutputStream}: the few
 * messages dcgan4j writes (TensorBoard's events, an ONNX model) need no generated classes and no
 * {@code protoc} in the build, and the wire format (varints, tags, fixed-width numbers) stays
 * protobuf-java's. A repeated field is the same call once per element.
 */
public final class ProtoMessage {
    @FunctionalInterface
    private interface Field {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private final ByteString.Output bytes = ByteString.newOutput();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    public ProtoMessage string(int field, String value) {
        return put(o -> o.writeString(field, value));
    }

    public ProtoMessage bytes(int field, byte[] value) {
        return put(o -> o.writeByteArray(field, value));
    }

    public ProtoMessage float64(int field, double value) {
        return put(o -> o.writeDouble(field, value));
    }

    public ProtoMessage float32(int field, float value) {
        return put(o -> o.writeFloat(field, value));
    }

    /** An int32, int64 or enum field. */
    public ProtoMessage varint(int field, long value) {
        return put(o -> o.writeInt64(field, value));
    }

    public ProtoMessage message(int field, ProtoMessage value) {
        return put(o -> o.writeBytes(field, value.toByteString()));
    }

    public ByteString toByteString() {
        put(CodedOutputStream::flush);
        return bytes.toByteString();
    }

    public byte[] toByteArray() {
        return toByteString().toByteArray();
    }

    private ProtoMessage put(Field field) {
        try {
            field.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        return this;
    }
}
