package dcgan4j.monitor;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One protobuf message built field by field with protobuf-java's {@link CodedOutputStream}: the few
 * messages of an event file need no generated classes and no {@code protoc} in the build, and the
 * wire format (varints, tags, fixed-width numbers) stays protobuf-java's.
 */
final class ProtoMessage {
    @FunctionalInterface
    private interface Field {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private final ByteString.Output bytes = ByteString.newOutput();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    ProtoMessage string(int field, String value) {
        return put(o -> o.writeString(field, value));
    }

    ProtoMessage bytes(int field, byte[] value) {
        return put(o -> o.writeByteArray(field, value));
    }

    ProtoMessage float64(int field, double value) {
        return put(o -> o.writeDouble(field, value));
    }

    ProtoMessage float32(int field, float value) {
        return put(o -> o.writeFloat(field, value));
    }

    /** An int32, int64 or enum field. */
    ProtoMessage varint(int field, long value) {
        return put(o -> o.writeInt64(field, value));
    }

    ProtoMessage message(int field, ProtoMessage value) {
        return put(o -> o.writeBytes(field, value.toByteString()));
    }

    ByteString toByteString() {
        put(CodedOutputStream::flush);
        return bytes.toByteString();
    }

    byte[] toByteArray() {
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
