package dcgan4j.io;

import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The safetensors dtypes dcgan4j reads and writes. Hugging Face and PyTorch exports come in half
 * precision or double as often as in float32, so all three float widths are read; libtorch converts them.
 */
enum Dtype {
    F64(ScalarType.Double, 8),
    F32(ScalarType.Float, 4),
    F16(ScalarType.Half, 2),
    BF16(ScalarType.BFloat16, 2),
    I64(ScalarType.Long, 8),
    U8(ScalarType.Byte, 1);

    final ScalarType type;
    final int bytes;

    Dtype(ScalarType type, int bytes) {
        this.type = type;
        this.bytes = bytes;
    }

    boolean floating() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** @return null for a type this enum does not hold */
    static Dtype of(ScalarType type) {
        for (Dtype d : values()) {
            if (d.type == type) {
                return d;
            }
        }
        return null;
    }

    /** @return null for a name this enum does not hold */
    static Dtype named(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    static String names() {
        return java.util.Arrays.toString(values()).replaceAll("[\\[\\]]", "");
    }
}
